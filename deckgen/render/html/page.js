// deckgen slide page: one slide at a time, keys and clicks move, the hash keeps the slide.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var talk = JSON.parse(document.getElementById("deckgen-talk").textContent);
  var current = 0, presenter = null, shownAt = Date.now(), startedAt = null;
  var rehearsal = null;  // {spent: [seconds per page], at: ms the current page was shown}

  function fromHash() {
    var n = parseInt((location.hash || "").replace("#", ""), 10);
    return isNaN(n) ? 0 : Math.min(Math.max(n - 1, 0), slides.length - 1);
  }
  function show(index) {
    index = Math.min(Math.max(index, 0), slides.length - 1);
    if (rehearsal && index !== current) { book(); }
    slides.forEach(function (s, i) { s.classList.toggle("current", i === index); });
    if (index !== current) { shownAt = Date.now(); }
    current = index;
    document.body.dataset.slide = String(index + 1);
    if (location.hash !== "#" + (index + 1)) { history.replaceState(null, "", "#" + (index + 1)); }
    drawPresenter();
  }
  function book() {
    var now = Date.now();
    rehearsal.spent[current] += (now - rehearsal.at) / 1000;
    rehearsal.at = now;
  }
  function move(step) { if (startedAt === null) { startedAt = Date.now(); } show(current + step); }
  function onKey(event) {
    var key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown" || key === " " || key === "PageDown" ||
        key === "Enter") { move(1); }
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || key === "Backspace") { move(-1); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(slides.length - 1); }
    else if (key === "f" || key === "F") { fullScreen(); }
    else if (key === "p" || key === "P") { openPresenter(); }
    else { return; }
    event.preventDefault();
  }
  function fullScreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
  }
  function clock(seconds) {
    var whole = Math.round(Math.abs(seconds));
    var text = Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2);
    return seconds < 0 ? "-" + text : text;
  }

  // -- presenter view: a second window this page draws and drives (about:blank shares its
  // origin, so it works from a file too) ---------------------------------------------------
  function openPresenter() {
    if (presenter && !presenter.closed) { presenter.focus(); return; }
    presenter = window.open("", "deckgen-presenter", "width=1200,height=800");
    if (!presenter) { return; }
    var doc = presenter.document;
    doc.open();
    doc.write('<!doctype html><html lang="' + talk.lang + '"><head><meta charset="utf-8">' +
      '<title>' + document.title + ' — presenter</title><style>' +
      document.getElementById("deckgen-fonts").textContent + '</style><style>' +
      document.getElementById("deckgen-style").textContent + '</style></head>' +
      '<body class="presenter"><div class="views"><div class="now"></div><div class="next"></div></div>' +
      '<div class="side"><div class="clock"><span class="slide-time"></span> <span class="budget"></span>' +
      ' <span class="talk-time"></span> <span class="pace"></span></div>' +
      '<div class="controls"><button class="rehearse">Rehearse</button>' +
      '<button class="finish" disabled>Finish rehearsal</button> <span class="saved"></span></div>' +
      '<pre class="notes"></pre></div></body></html>');
    doc.close();
    presenter.addEventListener("keydown", onKey);
    doc.querySelector(".rehearse").addEventListener("click", startRehearsal);
    doc.querySelector(".finish").addEventListener("click", finishRehearsal);
    drawPresenter();
  }
  function copyOf(index) {
    if (index >= slides.length) { return ""; }
    return slides[index].querySelector("svg").outerHTML;
  }
  function drawPresenter() {
    if (!presenter || presenter.closed) { return; }
    var doc = presenter.document, page = talk.pages[current];
    doc.querySelector(".now").innerHTML = copyOf(current);
    doc.querySelector(".next").innerHTML = copyOf(current + 1);
    doc.querySelector(".notes").textContent = page.notes;
    tick();
  }
  function tick() {
    if (!presenter || presenter.closed) { return; }
    var doc = presenter.document, page = talk.pages[current];
    var onSlide = (Date.now() - shownAt) / 1000;
    var talkTime = startedAt === null ? 0 : (Date.now() - startedAt) / 1000;
    var planned = page.elapsed - page.seconds + Math.min(onSlide, page.seconds);
    var ahead = planned - talkTime;
    doc.querySelector(".slide-time").textContent = "on slide " + clock(onSlide);
    doc.querySelector(".budget").textContent = "of " + clock(page.seconds);
    doc.querySelector(".talk-time").textContent = "· talk " + clock(talkTime) + " / " + clock(talk.budget);
    var pace = doc.querySelector(".pace");
    pace.textContent = ahead >= 0 ? "ahead " + clock(ahead) : "behind " + clock(-ahead);
    pace.className = "pace " + (ahead >= 0 ? "ahead" : "behind");
  }
  setInterval(tick, 250);

  // -- rehearsal -------------------------------------------------------------------------
  function startRehearsal() {
    rehearsal = {spent: slides.map(function () { return 0; }), at: Date.now()};
    startedAt = Date.now(); shownAt = Date.now();
    show(0);
    presenter.document.querySelector(".finish").disabled = false;
  }
  function finishRehearsal() {
    if (!rehearsal) { return; }
    book();
    var record = {version: 1, note: talk.note, pages: talk.pages.map(function (page, i) {
      return {slide: page.slide, title: page.title, digest: page.digest,
              estimate: page.estimate, planned: page.seconds, spoken: Math.round(rehearsal.spent[i] * 10) / 10};
    })};
    rehearsal = null;
    presenter.document.querySelector(".finish").disabled = true;
    hand(record);
  }
  function hand(record) {
    var saved = presenter.document.querySelector(".saved");
    var body = JSON.stringify(record, null, 1);
    if (location.protocol === "http:") {
      fetch("/rehearsal", {method: "POST", headers: {"Content-Type": "application/json"}, body: body})
        .then(function (r) { saved.textContent = r.ok ? "saved beside the deck" : "not saved: " + r.status; })
        .catch(function () { offer(body, saved); });
    } else { offer(body, saved); }
  }
  function offer(body, saved) {
    var link = presenter.document.createElement("a");
    link.href = URL.createObjectURL(new Blob([body], {type: "application/json"}));
    link.download = talk.note + ".rehearsal.json";
    link.textContent = "save " + link.download + " into build/";
    link.className = "download";
    saved.textContent = "";
    saved.appendChild(link);
  }
  window.deckgen = {show: show, current: function () { return current; },
                    presenter: function () { return presenter; }};

  // -- live reload when served by `deckgen watch --serve` -------------------------------------
  if (location.protocol === "http:" && window.EventSource) {
    var events = new EventSource("/events");
    events.addEventListener("rebuilt", function () { location.reload(); });
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) { return; }
    move(event.clientX < window.innerWidth / 4 ? -1 : 1);
  });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  current = -1; show(fromHash());
})();
