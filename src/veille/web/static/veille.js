// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Upload: drop files anywhere on the drop zone, and see which were chosen.
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var hint = document.getElementById("dropzone-hint");
  if (zone && input) {
    var show = function () {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      hint.textContent = names.length ? names.join(", ") : "or drop files here";
    };
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      input.files = event.dataTransfer.files;
      show();
    });
    input.addEventListener("change", show);
  }
})();
