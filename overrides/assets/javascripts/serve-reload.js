/* Only under `mkdocs serve` (popatlas.mkdocs_adapter adds it there, never to a built site):
   reload the page when the preview has been rebuilt. MkDocs' own reload script is written
   inline into each page, and this site's Content-Security-Policy refuses inline scripts. */
(function () {
  "use strict";
  var id = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
  // The server answers at once with its build number when asked about an older one, and
  // otherwise waits until the next build (or a time-out) before answering.
  function poll(seen) {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var latest = parseFloat(this.responseText);
      if (seen !== null && latest > seen) {
        location.reload();
        return;
      }
      var next = isNaN(latest) ? seen : latest;
      setTimeout(function () { poll(next); }, this.status === 200 ? 0 : 3000);
    };
    req.open("GET", "/livereload/" + (seen === null ? 0 : seen) + "/" + id);
    req.send();
  }
  poll(null);
})();
