/* The question form shows only the answer fields of the chosen type. Without this file every
 * type's fields show, and the server reads only those of the chosen type. */
(function () {
  "use strict";
  var type = document.getElementById("type");
  if (!type) { return; }
  var groups = document.querySelectorAll("[data-for-types]");
  function show() {
    groups.forEach(function (group) {
      group.hidden = group.dataset.forTypes.split(" ").indexOf(type.value) === -1;
    });
  }
  type.addEventListener("change", show);
  show();
}());
