/* The workspace's page editor: refresh the side-by-side preview a moment after typing stops.
   Without JavaScript the Preview button does the same thing. Nothing is saved by a preview. */
(function () {
  "use strict";
  var form = document.getElementById("page-editor");
  var button = document.getElementById("preview-button");
  if (!form || !button || !form.requestSubmit) return;
  var timer = null;
  function refresh() { form.requestSubmit(button); }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  });
  refresh();
})();
