/* Sends Django's CSRF token with every upload CKEditor makes, so the upload
   view can keep CSRF protection instead of being exempt from it. */
(function () {
  "use strict";
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  if (typeof CKEDITOR === "undefined") {
    return;
  }
  CKEDITOR.on("instanceCreated", function (event) {
    event.editor.on("fileUploadRequest", function (uploadEvent) {
      uploadEvent.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken());
    });
  });
})();
