// Typed text is never lost without a word: leaving a change form with unsaved
// edits asks first, and the publication panel's buttons (separate forms, which
// would leave the page) refuse while the form has unsaved changes. Without
// JavaScript the page works as before; "Save and submit for review" saves
// first in any case.
(function () {
  "use strict";
  var form = document.querySelector("#content-main form[method=post]");
  if (!form) {
    return;
  }
  var dirty = false;
  var submitting = false;
  function markDirty() {
    dirty = true;
  }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function () {
    submitting = true;
  });
  // CKEditor edits an iframe, whose typing the form never hears about.
  if (window.CKEDITOR) {
    window.CKEDITOR.on("instanceReady", function (event) {
      event.editor.on("change", markDirty);
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  var note = document.querySelector("[data-unsaved-note]");
  document.querySelectorAll("[data-workflow-panel] form, [data-saves-first] form")
    .forEach(function (panelForm) {
      panelForm.addEventListener("submit", function (event) {
        if (dirty) {
          event.preventDefault();
          if (note) {
            note.hidden = false;
            note.focus();
          } else {
            window.alert(form.dataset.unsavedMessage || "");
          }
        }
      });
    });
})();
