// Click a source line (or a timeline mark) to show the element covering it.
(function () {
  "use strict";
  var block = document.getElementById("elements");
  var panel = document.getElementById("panel");
  var src = document.getElementById("src");
  if (!block || !panel || !src) { return; }
  var data = JSON.parse(block.textContent);
  var selected = [];
  function field(cls, text) {
    var el = panel.querySelector("." + cls);
    if (el) { el.textContent = text; }
  }
  function show(k) {
    var e = data[k];
    if (!e) { return; }
    selected.forEach(function (n) { n.classList.remove("sel"); });
    selected = [];
    for (var i = e.span[0]; i <= e.span[1]; i++) {
      var n = document.getElementById("L" + i);
      if (n) { n.classList.add("sel"); selected.push(n); }
    }
    field("p-kind", e.what);
    field("p-id", e.id === null ? "(not assigned)" : String(e.id));
    field("p-ptr", e.pointer);
    field("p-lines", e.span[0] === e.span[1] ? String(e.span[0]) : e.span[0] + "–" + e.span[1]);
    field("p-json", JSON.stringify(e.json, null, 2));
  }
  function onClick(ev) {
    var t = ev.target.closest ? ev.target.closest("[data-e]") : null;
    if (t) { show(Number(t.getAttribute("data-e"))); }
  }
  src.addEventListener("click", onClick);
  var tl = document.querySelector("svg.timeline");
  if (tl) { tl.addEventListener("click", onClick); }
  var m = /^#L(\d+)$/.exec(location.hash);
  if (m) {
    var line = document.getElementById("L" + m[1]);
    if (line && line.hasAttribute("data-e")) { show(Number(line.getAttribute("data-e"))); }
  }
})();
