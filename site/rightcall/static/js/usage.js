/* Anonymous usage events, sent with navigator.sendBeacon to /api/events (see the privacy page):
   which service's number was tapped, quiz answers, language switches. Nothing about the person
   is sent, and nothing is sent at all when the browser asks not to be tracked (DNT/GPC).
   A tap on a number or a language goes at once (with anything waiting); quiz answers are
   batched: one beacon when the page is hidden or left, after 5 seconds, or at 20 events. */
(function () {
  "use strict";
  var root = document.documentElement;
  var main = document.getElementById("main");
  var endpoint = root.dataset.events;
  if (!endpoint || !navigator.sendBeacon || navigator.doNotTrack === "1" || navigator.globalPrivacyControl) return;
  var locale = root.lang;
  var page = (main && main.dataset.page) || "";

  var queue = [];
  var timer = null;

  function flush() {
    clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    var body = JSON.stringify({ events: queue.splice(0, 20) });
    navigator.sendBeacon(endpoint, new Blob([body], { type: "application/json" }));
    if (queue.length) flush();
  }

  function send(event, now) {
    event.locale = event.locale || locale;
    queue.push(event);
    if (now || queue.length >= 20) flush();
    else if (!timer) timer = setTimeout(flush, 5000);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    var href = link.getAttribute("href");
    if (/^(tel|sms):/.test(href)) {
      var holder = link.closest("[data-service]");
      var service = link.dataset.service || (holder && holder.dataset.service) || "";
      if (service && page) send({ kind: "call_tap", service: service, page: page }, true);
    } else if (link.closest(".language-switcher") && link.hreflang && link.hreflang !== locale) {
      send({ kind: "language_switch", from: locale, locale: link.hreflang }, true);
    }
  });

  // The quiz: count each question's first answer; tell the server which were counted already,
  // and send what is waiting before the answers are submitted.
  var counted = document.querySelector("input[name=counted]");
  if (counted) counted.form.addEventListener("submit", flush);
  document.querySelectorAll("fieldset.question[data-scenario]").forEach(function (set) {
    set.addEventListener("change", function (event) {
      if (!event.target.matches("input[type=radio]") || set.dataset.counted) return;
      set.dataset.counted = "1";
      send({ kind: "quiz_answer", scenario: set.dataset.scenario,
             correct: event.target.value === set.dataset.correct });
      if (counted) counted.value = (counted.value ? counted.value + "," : "") + set.dataset.scenario;
    });
  });
})();
