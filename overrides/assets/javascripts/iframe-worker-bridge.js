/* Runs inside the hidden iframe of iframe-worker-local.js: what a worker script
 * expects from its global scope. importScripts loads in order and returns a
 * Promise (it cannot block here); Material's search worker awaits it. */
(function () {
  "use strict";
  // Leave the worker's own <script src> as the first one in the document: Material's
  // worker finds its lunr files relative to it.
  document.currentScript.remove();
  window.postMessage = function (data) { window.parent.postMessage(data, "*"); };
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = new URL(url, location.href === "about:blank" ? document.baseURI : location.href).href;
          script.onload = resolve;
          script.onerror = reject;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
})();
