//! The chronology timeline: an inline SVG drawn from the model by a small plotting layer.
//!
//! Layout, top to bottom: a monthly histogram of entries, one lane per category (a point per
//! day entry, a bar per range or month, flagged entries in a distinct colour and drawn on top),
//! and a date axis with month ticks across the report period. Entries without a date are kept
//! visible in a "no date" column at the right of their lane. Every mark carries a `<title>`
//! tooltip (date as printed, title, flags) and links to the entry's first source line.
//!
//! The plotting layer is three pieces: [`LinearScale`] (days → x), [`month_ticks`] (axis
//! ticks on month starts) and [`Lanes`] (band scale for categories). Coordinates are printed
//! with one decimal so the SVG is deterministic and compact.

use crate::model::{Chronology, Entry, Precision};
use crate::parse::dates::Ymd;
use maud::{html, Markup};

/// Days since 1970-01-01 of a calendar day (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn day_number(d: Ymd) -> i64 {
    let (y, m) = if d.m <= 2 { (i64::from(d.y) - 1, i64::from(d.m) + 9) } else { (i64::from(d.y), i64::from(d.m) - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(d.d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A linear map from a domain (day numbers) to a pixel range.
#[derive(Debug, Clone, Copy)]
pub struct LinearScale {
    /// Start of the domain (day number).
    pub d0: f64,
    /// End of the domain (day number).
    pub d1: f64,
    /// Pixel position of `d0`.
    pub r0: f64,
    /// Pixel position of `d1`.
    pub r1: f64,
}

impl LinearScale {
    /// The pixel position of domain value `v` (`r0` for an empty domain).
    pub fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span <= 0.0 {
            return self.r0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }
}

/// A band scale: `n` lanes of equal height from `top`.
#[derive(Debug, Clone, Copy)]
pub struct Lanes {
    /// Pixel position of the top of the first lane.
    pub top: f64,
    /// Height of each lane in pixels.
    pub height: f64,
    /// Number of lanes.
    pub n: usize,
}

impl Lanes {
    /// Pixel position of the top of lane `i`.
    pub fn y(&self, i: usize) -> f64 {
        self.top + self.height * i as f64
    }
    /// Pixel position of the middle of lane `i`.
    pub fn mid(&self, i: usize) -> f64 {
        self.y(i) + self.height / 2.0
    }
    /// Pixel position of the bottom of the last lane.
    pub fn bottom(&self) -> f64 {
        self.y(self.n)
    }
}

/// The first day of every month from the month of `from` to the month after `to`, inclusive.
pub fn month_ticks(from: Ymd, to: Ymd) -> Vec<Ymd> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.y, from.m);
    // Bounded: the domain is clamped to a few years by `domain`.
    while (y, m) <= (to.y, to.m) || out.len() < 2 {
        out.extend(Ymd::first_of(y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        if out.len() > 1200 {
            break;
        }
    }
    out.extend(Ymd::first_of(y, m));
    out
}

/// How far beyond the report period the axis may extend to show entries dated outside it; an
/// entry further out is drawn at the edge (it is flagged `out_of_period` anyway).
const MAX_EXTENSION_DAYS: i64 = 366;

/// The dates of an entry: start and end day, or none when the date was lost or unreadable.
fn entry_days(e: &Entry) -> Option<(Ymd, Ymd)> {
    let s = Ymd::parse_iso(e.date.start.as_deref()?)?;
    let t = e.date.end.as_deref().and_then(Ymd::parse_iso).unwrap_or(s);
    Some((s, t.max(s)))
}

/// The axis domain: the period named in the title (else the entries' extent), extended to the
/// entries that start within [`MAX_EXTENSION_DAYS`] of it, widened to whole months. A range
/// running past the end is clipped at the edge and drawn with an arrow.
fn domain(c: &Chronology) -> Option<(Ymd, Ymd)> {
    let period = c.period.as_ref().and_then(|p| Some((Ymd::parse_iso(&p.start)?, Ymd::parse_iso(&p.end)?)));
    let days = c.categories.iter().flat_map(|k| &k.entries).filter_map(entry_days);
    let (mut lo, mut hi) = match period {
        Some(p) => p,
        None => days
            .clone()
            .fold(None, |acc: Option<(Ymd, Ymd)>, (s, e)| Some(acc.map_or((s, e), |(a, b)| (a.min(s), b.max(e)))))?,
    };
    if period.is_some() {
        let (p0, p1) = (day_number(lo), day_number(hi));
        for (s, _) in days {
            if day_number(s) >= p0 - MAX_EXTENSION_DAYS && s < lo {
                lo = s;
            }
            if day_number(s) <= p1 + MAX_EXTENSION_DAYS && s > hi {
                hi = s;
            }
        }
    }
    Some((Ymd::first_of(lo.y, lo.m)?, Ymd::last_of(hi.y, hi.m)?))
}

const WIDTH: f64 = 1320.0;
const LEFT: f64 = 190.0;
const NODATE_W: f64 = 86.0;
const HIST_TOP: f64 = 28.0;
const HIST_H: f64 = 84.0;
const LANE_H: f64 = 34.0;
/// Undated marks per row of the "no date" column before wrapping.
const UNDATED_PER_ROW: usize = 7;
/// Vertical offsets of marks that fall on the same day in one lane, so none hides another.
const STACK: [f64; 5] = [0.0, -8.0, 8.0, -4.0, 4.0];

fn f1(x: f64) -> String {
    format!("{x:.1}")
}

fn tooltip(e: &Entry) -> String {
    let mut s = format!("{} — {}", e.date.text.as_deref().unwrap_or("(no date)"), e.title);
    if !e.flags.is_empty() {
        let flags: Vec<&str> = e.flags.iter().map(|f| f.as_str()).collect();
        s.push_str(&format!(" [{}]", flags.join(", ")));
    }
    s
}

/// One mark to draw.
struct Mark<'e> {
    entry: &'e Entry,
    /// Index into the page's element table (for the click-to-inspect panel).
    element: usize,
    lane: usize,
    /// x start and end (equal for a point); none for an entry without a date.
    x: Option<(f64, f64)>,
    y: f64,
    /// The range runs past the end of the axis.
    clipped: bool,
}

/// Draw the timeline of `c`. `element_of(category, entry)` gives the page element index of an
/// entry. Returns nothing when the chronology has no category.
pub fn timeline(c: &Chronology, element_of: &dyn Fn(usize, usize) -> Option<usize>) -> Option<Markup> {
    if c.categories.is_empty() {
        return None;
    }
    let f = Frame::of(c);
    let marks = marks(c, element_of, &f);
    // Monthly histogram of dated entries (by start day).
    let months: Vec<(Ymd, Ymd)> = f.ticks.windows(2).map(|w| (w[0], w[1])).collect();
    let counts = month_counts(c, &months, &f);
    let period = c.period.as_ref().and_then(|p| Some((Ymd::parse_iso(&p.start)?, Ymd::parse_iso(&p.end)?)));
    let total: usize = c.categories.iter().map(|k| k.entries.len()).sum();
    let placed = placed(&marks, &f, c.categories.len());
    let (x, axis_y) = (f.x, f.axis_y);
    Some(html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {}", f1(f.height)))
            role="img" aria-label=(format!("Timeline of {total} chronology entries")) {
            // Period band across histogram and lanes.
            @if let Some((p0, p1)) = period {
                rect.period x=(f1(x.at(f.clamp(day_number(p0))))) y=(f1(HIST_TOP - 6.0))
                    width=(f1(x.at(f.clamp(day_number(p1) + 1)) - x.at(f.clamp(day_number(p0)))))
                    height=(f1(axis_y - HIST_TOP + 6.0)) {}
            }
            (histogram(&months, &counts, &f))
            // Lanes.
            @for (i, cat) in c.categories.iter().enumerate() {
                rect class=(if i % 2 == 0 { "lane even" } else { "lane odd" }) x="0" y=(f1(f.lanes.y(i)))
                    width=(WIDTH) height=(f1(LANE_H)) {}
                text.lanelabel x=(f1(LEFT - 12.0)) y=(f1(f.lanes.mid(i) + 4.5)) text-anchor="end" {
                    (cat.name) tspan.lanecount { (format!("  {}", cat.entries.len())) }
                }
            }
            (axis(&months, &f))
            (marks_svg(&placed))
        }
    })
}

/// The geometry of a timeline: its axis, scale and lanes.
struct Frame {
    /// The axis's month ticks.
    ticks: Vec<Ymd>,
    /// First and last day number on the axis.
    d_lo: i64,
    d_hi: i64,
    /// Right end of the plot (the no-date column lies beyond it).
    plot_right: f64,
    /// Day number to x.
    x: LinearScale,
    /// One lane per category.
    lanes: Lanes,
    /// y of the axis, under the lanes.
    axis_y: f64,
    /// Height of the drawing.
    height: f64,
}

impl Frame {
    /// The frame of the timeline of `c` (which has categories).
    fn of(c: &Chronology) -> Frame {
        let (lo, hi) = domain(c).unwrap_or((Ymd { y: 1970, m: 1, d: 1 }, Ymd { y: 1970, m: 12, d: 31 }));
        let ticks = month_ticks(lo, hi);
        let last_tick = ticks.last().copied().unwrap_or(hi);
        let (d_lo, d_hi) = (day_number(lo), day_number(last_tick));
        let plot_right = WIDTH - NODATE_W - 14.0;
        let x = LinearScale { d0: d_lo as f64, d1: d_hi as f64, r0: LEFT, r1: plot_right };
        let lanes = Lanes { top: HIST_TOP + HIST_H + 18.0, height: LANE_H, n: c.categories.len() };
        let axis_y = lanes.bottom();
        let height = axis_y + 44.0;
        Frame { ticks, d_lo, d_hi, plot_right, x, lanes, axis_y, height }
    }

    /// A day number held to the axis, as a scale input.
    fn clamp(&self, d: i64) -> f64 {
        d.clamp(self.d_lo, self.d_hi) as f64
    }
}

/// The marks of every entry, lane by lane, with same-day stacking and undated entries in the
/// right column.
fn marks<'e>(c: &'e Chronology, element_of: &dyn Fn(usize, usize) -> Option<usize>, f: &Frame) -> Vec<Mark<'e>> {
    let (x, lanes, d_hi) = (f.x, &f.lanes, f.d_hi);
    let mut marks = Vec::new();
    for (ci, cat) in c.categories.iter().enumerate() {
        let mut same_day: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        let mut undated = 0usize;
        let mut bar_rows = [f64::MIN; STACK.len()];
        for (ei, e) in cat.entries.iter().enumerate() {
            let element = element_of(ci, ei).unwrap_or(0);
            let mut clipped = false;
            let (xr, k) = match entry_days(e) {
                Some((s, t)) => {
                    let (a, b) = if e.date.precision == Some(Precision::Month) {
                        (Ymd::first_of(s.y, s.m).unwrap_or(s), Ymd::last_of(t.y, t.m).unwrap_or(t))
                    } else {
                        (s, t)
                    };
                    let xa = x.at(f.clamp(day_number(a)));
                    let xb = if a == b { xa } else { x.at(f.clamp(day_number(b) + 1)) };
                    clipped = day_number(b) + 1 > d_hi;
                    let k = if a == b {
                        let k = same_day.entry(day_number(a)).or_insert(0);
                        *k += 1;
                        *k - 1
                    } else {
                        // A bar takes the first row where it overlaps no earlier bar.
                        let row = bar_rows.iter().position(|end| *end < xa).unwrap_or(0);
                        bar_rows[row] = xb + 2.0;
                        row
                    };
                    (Some((xa, xb)), k)
                }
                None => {
                    undated += 1;
                    (None, undated - 1)
                }
            };
            let y = match xr {
                Some(_) => lanes.mid(ci) + STACK[k % STACK.len()],
                None => lanes.mid(ci) + if k % 2 == 0 { -5.0 } else { 5.0 },
            };
            marks.push(Mark { entry: e, element, lane: ci, x: xr, y, clipped });
        }
    }
    marks
}

/// How many dated entries start in each month (days held to the axis).
fn month_counts(c: &Chronology, months: &[(Ymd, Ymd)], f: &Frame) -> Vec<usize> {
    let (d_lo, d_hi) = (f.d_lo, f.d_hi);
    months
        .iter()
        .map(|(a, b)| {
            c.categories
                .iter()
                .flat_map(|k| &k.entries)
                .filter_map(entry_days)
                .filter(|(s, _)| {
                    let d = day_number(*s).clamp(d_lo, d_hi - 1);
                    d >= day_number(*a) && d < day_number(*b)
                })
                .count()
        })
        .collect()
}

/// The marks with their x range, undated ones placed in the no-date column (two rows per lane,
/// see `y` in [`marks`], 9 px apart along x, wrapping inside the column); flagged marks last, so
/// they are drawn on top.
fn placed<'m, 'e>(marks: &'m [Mark<'e>], f: &Frame, n_lanes: usize) -> Vec<(f64, f64, &'m Mark<'e>)> {
    let mut undated_seen = vec![0usize; n_lanes];
    let mut placed: Vec<(f64, f64, &Mark)> = Vec::with_capacity(marks.len());
    for m in marks {
        match m.x {
            Some((a, b)) => placed.push((a, b, m)),
            None => {
                let k = undated_seen[m.lane];
                undated_seen[m.lane] += 1;
                let ux = f.plot_right + 24.0 + ((k / 2) % UNDATED_PER_ROW) as f64 * 9.0;
                placed.push((ux, ux, m));
            }
        }
    }
    placed.sort_by_key(|(_, _, m)| !m.entry.flags.is_empty());
    placed
}

/// The histogram of entries per month, over the lanes.
fn histogram(months: &[(Ymd, Ymd)], counts: &[usize], f: &Frame) -> Markup {
    let (x, plot_right) = (f.x, f.plot_right);
    let max_count = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    html! {
        // Histogram.
        text.hlabel x=(f1(LEFT - 12.0)) y=(f1(HIST_TOP + 14.0)) text-anchor="end" { "entries per month" }
        @for ((a, b), n) in months.iter().zip(counts) {
            @let (xa, xb) = (x.at(day_number(*a) as f64), x.at(day_number(*b) as f64));
            @let h = *n as f64 / max_count * HIST_H;
            rect.hbar x=(f1(xa + 2.0)) y=(f1(HIST_TOP + HIST_H - h)) width=(f1((xb - xa - 4.0).max(1.0)))
                height=(f1(h)) {
                title { (format!("{:04}-{:02}: {n} entries", a.y, a.m)) }
            }
            @if *n > 0 {
                text.hcount x=(f1((xa + xb) / 2.0)) y=(f1(HIST_TOP + HIST_H - h - 4.0)) text-anchor="middle" { (n) }
            }
        }
        line.base x1=(f1(LEFT)) x2=(f1(plot_right)) y1=(f1(HIST_TOP + HIST_H)) y2=(f1(HIST_TOP + HIST_H)) {}
    }
}

/// The month grid, the axis with its month and year labels, and the no-date column.
fn axis(months: &[(Ymd, Ymd)], f: &Frame) -> Markup {
    let (x, axis_y, plot_right) = (f.x, f.axis_y, f.plot_right);
    html! {
        // Month grid and axis.
        @for t in &f.ticks {
            @let tx = x.at(day_number(*t) as f64);
            line.grid x1=(f1(tx)) x2=(f1(tx)) y1=(f1(HIST_TOP)) y2=(f1(axis_y)) {}
            line.tick x1=(f1(tx)) x2=(f1(tx)) y1=(f1(axis_y)) y2=(f1(axis_y + 5.0)) {}
        }
        @for (a, b) in months {
            @let mx = (x.at(day_number(*a) as f64) + x.at(day_number(*b) as f64)) / 2.0;
            text.month x=(f1(mx)) y=(f1(axis_y + 18.0)) text-anchor="middle" { (format!("{}月", a.m)) }
            @if a.m == 1 || a == &months[0].0 {
                text.year x=(f1(mx)) y=(f1(axis_y + 34.0)) text-anchor="middle" { (a.y) }
            }
        }
        line.axis x1=(f1(LEFT)) x2=(f1(plot_right)) y1=(f1(axis_y)) y2=(f1(axis_y)) {}
        text.nodate x=(f1(plot_right + 14.0 + NODATE_W / 2.0)) y=(f1(axis_y + 18.0)) text-anchor="middle" { "no date" }
        line.grid x1=(f1(plot_right + 14.0)) x2=(f1(plot_right + 14.0)) y1=(f1(f.lanes.top)) y2=(f1(axis_y)) {}
    }
}

/// The marks: a dot for a day, a bar for a range (an arrow where it runs past the axis), each
/// linking to its line.
fn marks_svg(placed: &[(f64, f64, &Mark)]) -> Markup {
    html! {
        // Marks.
        @for (a, b, m) in placed {
            @let cls = if m.entry.flags.is_empty() { "ev" } else { "ev flagged" };
            @let href = format!("#L{}", m.entry.span.line_start);
            a href=(href) {
                @if (b - a).abs() < 0.5 {
                    circle class=(cls) data-e=(m.element) cx=(f1(*a)) cy=(f1(m.y)) r=(if m.entry.flags.is_empty() { "3.4" } else { "4.6" }) {
                        title { (tooltip(m.entry)) }
                    }
                } @else {
                    rect class=(cls) data-e=(m.element) x=(f1(*a)) y=(f1(m.y - 3.5)) width=(f1((b - a).max(2.0)))
                        height="7" rx="3.5" {
                        title { (tooltip(m.entry)) }
                    }
                    @if m.clipped {
                        path class=(if m.entry.flags.is_empty() { "arrow" } else { "arrow flagged" }) d=(format!("M{},{}l7,5l-7,5z", f1(*b), f1(m.y - 5.0))) {
                            title { (tooltip(m.entry)) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(Ymd { y: 1970, m: 1, d: 1 }), 0);
        assert_eq!(day_number(Ymd { y: 2000, m: 3, d: 1 }), 11_017);
        assert_eq!(day_number(Ymd { y: 2020, m: 3, d: 1 }) - day_number(Ymd { y: 2020, m: 2, d: 1 }), 29);
        assert_eq!(day_number(Ymd { y: 1969, m: 12, d: 31 }), -1);
    }

    #[test]
    fn ticks_cover_the_domain() {
        let t = month_ticks(Ymd { y: 2019, m: 4, d: 1 }, Ymd { y: 2020, m: 3, d: 31 });
        assert_eq!(t.len(), 13);
        assert_eq!(t[0], Ymd { y: 2019, m: 4, d: 1 });
        assert_eq!(t[12], Ymd { y: 2020, m: 4, d: 1 });
    }

    #[test]
    fn scale_maps_ends() {
        let s = LinearScale { d0: 10.0, d1: 20.0, r0: 100.0, r1: 200.0 };
        assert_eq!(s.at(10.0), 100.0);
        assert_eq!(s.at(15.0), 150.0);
        assert_eq!(LinearScale { d0: 1.0, d1: 1.0, r0: 5.0, r1: 9.0 }.at(1.0), 5.0);
    }
}
