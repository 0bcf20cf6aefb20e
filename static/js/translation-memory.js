// "Insert" beside a translation memory match: the approved translation goes
// into the body editor as a new paragraph at the caret (or at the end of the
// plain textarea when the editor has not loaded).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-memory-insert]");
    if (!button) return;
    var text = button.getAttribute("data-memory-insert");
    var editor = window.CKEDITOR && CKEDITOR.instances.id_body;
    if (editor) {
      var paragraph = new CKEDITOR.dom.element("p");
      paragraph.setText(text);
      editor.focus();
      editor.insertElement(paragraph);
      editor.fire("change");
      return;
    }
    var area = document.getElementById("id_body");
    if (area) {
      var escaped = document.createElement("p");
      escaped.textContent = text;
      area.value += escaped.outerHTML;
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
})();
