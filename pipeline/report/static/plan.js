// A plan page: a "p. N" button (or a click on its row) shows the item's box on its page; a
// click on a box (or Enter on a focused one) shows its item.
(function () {
  "use strict";
  var viewer = document.querySelector(".viewer");
  var status = document.querySelector(".viewer .shown");

  function clear() {
    document.querySelectorAll("rect.box.active").forEach(function (r) { r.classList.remove("active"); });
    document.querySelectorAll(".picked").forEach(function (e) { e.classList.remove("picked"); });
  }

  function showBox(id) {
    var rect = document.getElementById(id);
    if (!rect || !viewer) { return; }
    clear();
    rect.classList.add("active");
    var figure = rect.closest("figure");
    var box = rect.getBoundingClientRect();
    var frame = viewer.getBoundingClientRect();
    viewer.scrollTop += box.top - frame.top - Math.max(40, (frame.height - box.height) / 3);
    if (status) {
      var title = rect.querySelector("title");
      status.textContent = "Showing " + (title ? title.textContent : "item") + " on page " +
        figure.getAttribute("data-page") + ".";
    }
  }

  function showItem(id) {
    var button = document.querySelector('button.locate[data-box="' + id + '"]');
    if (!button) { return; }
    clear();
    var details = button.closest("details");
    while (details) { details.open = true; details = details.parentElement.closest("details"); }
    var owner = button.closest("tr, summary, h5, li") || button;
    owner.classList.add("picked");
    owner.scrollIntoView({block: "center"});
    button.focus({preventScroll: true});
    document.getElementById(id).classList.add("active");
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest ? target.closest("button.locate") : null;
    if (button) {
      event.preventDefault();  // inside a <summary>: show, do not fold
      showBox(button.getAttribute("data-box"));
      return;
    }
    var row = target.closest ? target.closest("tr") : null;
    var inRow = row && row.querySelector("button.locate");
    if (inRow && !target.closest("a")) {
      showBox(inRow.getAttribute("data-box"));
      return;
    }
    var rect = target.closest ? target.closest("rect.box") : null;
    if (rect && rect.id) { showItem(rect.id); }
  });

  // The boxes can be reached with the keyboard too: Tab through them on the page pictures.
  document.querySelectorAll("rect.box[id]").forEach(function (rect) {
    rect.setAttribute("tabindex", "0");
    rect.setAttribute("role", "button");
    rect.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); showItem(rect.id); }
    });
  });
  var svgs = document.querySelectorAll(".viewer svg");
  svgs.forEach(function (svg) { svg.removeAttribute("aria-hidden"); });

  // plans/ID.html#show=BOX-ID opens the page with that box shown (a link from elsewhere, a test).
  if (location.hash.indexOf("#show=") === 0) { showBox(location.hash.slice(6)); }
})();
