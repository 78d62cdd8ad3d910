/* Progressive enhancement only: every page works without this file.
   - Quiz: show each question's feedback as soon as it is answered.
   - Card: a "Print this card" button. */
(function () {
  "use strict";
  document.querySelectorAll("fieldset.question[data-correct]").forEach(function (set) {
    set.addEventListener("change", function (event) {
      if (!event.target.matches("input[type=radio]")) return;
      var right = event.target.value === set.dataset.correct;
      var verdict = set.querySelector(".feedback__verdict");
      verdict.textContent = right ? verdict.dataset.right : verdict.dataset.wrong;
      verdict.classList.toggle("feedback__verdict--right", right);
      verdict.classList.toggle("feedback__verdict--wrong", !right);
      set.querySelector(".feedback").hidden = false;
    });
  });
  var print = document.querySelector("[data-print]");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  }
})();
