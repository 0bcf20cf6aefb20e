// Progressive enhancement for the public site: without this file every menu,
// filter and link still works; with it, phones get collapsible menus and the
// share box gets "Copy link" and "Print" buttons. Nothing is loaded from
// anywhere else.
(function () {
  "use strict";

  var phone = window.matchMedia("(max-width: 40rem)");

  // A button that shows and hides a region; the region stays open on wide
  // screens, where the button is hidden by the stylesheet.
  function collapsible(button, region, startOpen) {
    if (!button || !region) return;
    button.hidden = false;
    button.setAttribute("aria-controls", region.id);
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      region.classList.toggle("is-collapsed", !open);
    }
    set(startOpen || !phone.matches);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    phone.addEventListener("change", function () {
      set(startOpen || !phone.matches);
    });
  }

  collapsible(
    document.querySelector(".menu-toggle"),
    document.getElementById("site-menu"),
    false
  );
  var filters = document.getElementById("filter-fields");
  collapsible(
    document.querySelector(".filters-toggle"),
    filters,
    filters && filters.hasAttribute("data-active")
  );

  var status = document.querySelector(".share__status");
  var copy = document.querySelector(".share__copy");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-url")).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied");
      });
    });
  }
  var print = document.querySelector(".share__print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
