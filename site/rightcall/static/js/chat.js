/* "Not sure who to call? Ask": the assistant in a small panel on every page.
   Without JavaScript the link opens the /<locale>/chat page, which works on its own.
   The conversation id lives in this page only (no cookie, no storage). */
(function () {
  "use strict";
  var ask = document.querySelector(".ask");
  if (!ask || !window.fetch) return;
  var d = ask.dataset;
  var link = ask.querySelector(".ask-open");
  var conversation = null;
  var busy = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var toggle = el("button", "ask-toggle", link.textContent);
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "ask-panel");
  link.replaceWith(toggle);

  var panel = el("div", "ask-panel");
  panel.id = "ask-panel";
  panel.hidden = true;
  var close = el("button", "ask-close", d.labelClose);
  close.type = "button";
  var log = el("ol", "chat-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", d.labelLog);
  var form = el("form", "chat-form");
  var label = el("label", "", d.labelMessage);
  var input = el("input");
  input.id = label.htmlFor = "ask-message";
  input.type = "text";
  input.maxLength = 500;
  input.autocomplete = "off";
  var send = el("button", "chat-send", d.labelSend);
  send.type = "submit";
  form.append(label, input, send);
  panel.append(close, el("p", "chat-privacy", d.privacy), log, form);
  ask.append(panel);

  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", String(show));
    ask.classList.toggle("ask--open", show);
    if (show) input.focus(); else toggle.focus();
  }
  toggle.addEventListener("click", function () { open(panel.hidden); });
  close.addEventListener("click", function () { open(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") open(false);
  });

  function addYou(text) {
    var item = el("li", "chat-you");
    item.append(el("span", "visually-hidden", d.labelYou + ": "), document.createTextNode(text));
    log.append(item);
  }

  function serviceFor(href, services) {
    // Which directory service a tap-to-call link belongs to (for the anonymous call_tap count).
    if (href === "tel:911") return "emergency-911";
    var found = (services || []).filter(function (s) {
      return (s.contacts || []).some(function (c) { return c.href === href; });
    })[0];
    return found ? found.id : "";
  }

  function addReplies(replies, services) {
    var item = el("li", "chat-bot");
    item.append(el("span", "visually-hidden", d.labelAssistant + ": "));
    replies.forEach(function (reply) {
      var box = el("div", "chat-reply");
      reply.text.split("\n").forEach(function (line) { box.append(el("p", "", line)); });
      var buttons = el("div", "chat-buttons");
      (reply.buttons || []).forEach(function (b) {
        if (/^(tel|sms|https):/.test(b.payload)) {
          var a = el("a", "chat-call" + (b.payload === "tel:911" ? " chat-call--911" : ""), b.title);
          a.href = b.payload;
          var service = serviceFor(b.payload, services);
          if (service) a.dataset.service = service;
          buttons.append(a);
        } else if (b.payload.charAt(0) === "/") {
          var choice = el("button", "chat-choice", b.title);
          choice.type = "button";
          choice.addEventListener("click", function () { say(b.payload, b.title); });
          buttons.append(choice);
        }
      });
      if (buttons.childNodes.length) box.append(buttons);
      item.append(box);
    });
    log.append(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function offline(message) {
    addReplies([{ text: message || d.offline, buttons: [{ title: "9-1-1", payload: "tel:911" }] }]);
  }

  function say(message, shown) {
    if (busy || !message.trim()) return;
    busy = true;
    send.disabled = true;
    addYou(shown || message);
    fetch(d.api, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ message: message, locale: d.locale, conversation: conversation }),
      credentials: "omit"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) return offline(result.body.error);
      conversation = result.body.conversation;
      addReplies(result.body.replies, result.body.services);
    }).catch(function () { offline(); }).then(function () {
      busy = false;
      send.disabled = false;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var message = input.value;
    input.value = "";
    say(message);
  });
})();
