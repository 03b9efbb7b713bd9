/* Web workers for pages opened from disk (file://), where browsers refuse
 * `new Worker(...)`: the worker script runs in a hidden iframe instead. Unlike
 * the usual shim, the iframe gets no inline script (the page's CSP forbids it):
 * a small bridge file gives the worker its postMessage and importScripts.
 * (The file name must contain "iframe-worker": Material's offline plugin then
 * adds no copy from another host.) */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var bridge = new URL("iframe-worker-bridge.js", document.currentScript.src).href;

  function FileWorker(url) {
    var target = document.createDocumentFragment(); // an EventTarget that works everywhere
    var frame = document.createElement("iframe");
    var self = this;
    frame.hidden = true;
    document.body.appendChild(frame);
    this.frame = frame;
    this.target = target;
    this.listener = function (event) {
      if (event.source !== frame.contentWindow) return;
      var message = new MessageEvent("message", { data: event.data });
      target.dispatchEvent(message);
      if (typeof self.onmessage === "function") self.onmessage(message);
    };
    window.addEventListener("message", this.listener);
    var doc = frame.contentWindow.document;
    doc.open();
    doc.write('<!doctype html><html><body><script src="' + bridge + '"></' + 'script><script src="' +
      new URL(url, location.href).href + '"></' + 'script></body></html>');
    doc.close();
    this.ready = new Promise(function (resolve) {
      if (frame.contentDocument.readyState === "complete") resolve();
      else frame.contentWindow.addEventListener("load", function () { resolve(); });
    });
  }
  FileWorker.prototype.addEventListener = function (type, fn, options) { this.target.addEventListener(type, fn, options); };
  FileWorker.prototype.removeEventListener = function (type, fn, options) { this.target.removeEventListener(type, fn, options); };
  FileWorker.prototype.postMessage = function (data) {
    var frame = this.frame;
    this.ready.then(function () {
      frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
    });
  };
  FileWorker.prototype.terminate = function () {
    window.removeEventListener("message", this.listener);
    this.frame.remove();
  };
  window.Worker = FileWorker;
  // Material's search worker looks for this name to find its files next to the worker script.
  window.IFrameWorker = FileWorker;
})();
