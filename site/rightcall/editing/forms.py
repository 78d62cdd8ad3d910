"""The workspace's editing forms (Flask-WTF, so each carries a CSRF token)."""
from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField,
                     SelectField, StringField, TextAreaField, ValidationError)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .validation import phone_problem, url_problem

MAX_BODY = 60_000


class PageForm(FlaskForm):
    """One page in one language: front matter and Markdown body, and the revision it edits."""

    title = StringField("Title", validators=[DataRequired("A page needs a title."), Length(max=200)])
    description = StringField("Description (search results, link previews)", validators=[Length(max=300)])
    nav_title = StringField("Navigation label (empty: the title)", validators=[Length(max=80)])
    body = TextAreaField("Body (Markdown)", validators=[
        DataRequired("The page needs some text."),
        Length(max=MAX_BODY, message=f"At most {MAX_BODY:,} characters.")])
    message = StringField("What changed (optional, for the history)", validators=[Length(max=200)])
    reviewed = BooleanField("A person has checked this translation against the current English")
    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])


class BaseForm(FlaskForm):
    """A one-button action on a revision (restore, mark reviewed): CSRF and the base revision."""

    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])
    publish = BooleanField(validators=[Optional()])


# --- the service directory and the scenarios ---------------------------------------------------

CONTACT_KINDS = [SelectChoice("phone", "Phone"), SelectChoice("sms", "Text message"), SelectChoice("tty", "TTY"),
                 SelectChoice("web", "Web page")]
CONTACT_LABELS = ["main", "toll-free", "outside-toronto", "tty", "text", "online", "chat"]


class ContactForm(Form):
    """One way to reach a service: a number, a link, or the same number as another service."""

    kind = SelectField("Kind", choices=CONTACT_KINDS)
    label = SelectField("Which line", choices=CONTACT_LABELS)
    number = StringField("Number (digits)", validators=[Length(max=40)])
    display = StringField("Shown as (optional, e.g. 416-392-CITY (2489))", validators=[Length(max=60)])
    body = StringField("Text to send (text messages)", validators=[Length(max=40)])
    url = StringField("Address (web)", validators=[Length(max=500)])
    same_as = StringField("Or: same number as service (id)", validators=[Length(max=64)])
    status = SelectField("Checked?", choices=[SelectChoice("", "as the service"),
                                              SelectChoice("found", "found in a source"),
                                              SelectChoice("to-verify", "to verify")])
    source_title = StringField("Source of this number", validators=[Length(max=300)])
    source_url = StringField("Source address", validators=[Length(max=500)])
    verified = DateField("Verified on", validators=[Optional()])
    remove = BooleanField("Remove this contact")
    service_ids: tuple[str, ...] = ()     # set by the view: what ``same_as`` may name

    def is_blank(self) -> bool:
        return not ((self.number.data or "").strip() or (self.url.data or "").strip()
                    or (self.same_as.data or "").strip())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.remove.data or self.is_blank():
            return ok
        same_as = (self.same_as.data or "").strip()
        if same_as:
            if same_as not in self.service_ids:
                self.same_as.errors.append("No service has this id.")
                ok = False
            return ok
        if self.kind.data == "web":
            problem = url_problem(self.url.data)
            if problem:
                self.url.errors.append(problem)
                ok = False
        else:
            problem = phone_problem(self.number.data, self.kind.data)
            if problem:
                self.number.errors.append(problem)
                ok = False
        problem = url_problem(self.source_url.data, required=False)
        if problem:
            self.source_url.errors.append(problem)
            ok = False
        return ok

    def to_contact(self) -> dict:
        """The directory's form of this contact (only the keys that are set)."""
        if (self.same_as.data or "").strip():
            return {"same_as": self.same_as.data.strip()}
        contact = {"kind": self.kind.data, "label": self.label.data}
        if self.kind.data == "web":
            contact["url"] = self.url.data.strip()
        else:
            contact["number"] = self.number.data.strip()
        for key in ("display", "body"):
            if (getattr(self, key).data or "").strip():
                contact[key] = getattr(self, key).data.strip()
        if self.status.data:
            contact["status"] = self.status.data
        if self.verified.data:
            contact["verified"] = self.verified.data.isoformat()
        if (self.source_title.data or "").strip() or (self.source_url.data or "").strip():
            contact["source"] = {"title": (self.source_title.data or "").strip(),
                                 "url": (self.source_url.data or "").strip() or None}
        return contact

    @staticmethod
    def data_of(contact: dict) -> dict:
        source = contact.get("source") or {}
        verified = contact.get("verified")
        return {**{k: contact.get(k, "") for k in ("kind", "label", "number", "display", "body", "url",
                                                    "same_as", "status")},
                "number": str(contact.get("number", "")),
                "source_title": source.get("title", ""), "source_url": source.get("url") or "",
                "verified": date.fromisoformat(str(verified)) if verified else None}


def _check_url(form, field):
    problem = url_problem(field.data, required=False)
    if problem:
        raise ValidationError(problem)


class ServiceSharedForm(FlaskForm):
    """A service's numbers and links, whether they are checked, and where they were found."""

    status = SelectField("Status", choices=[SelectChoice("found", "found in a source"),
                                            SelectChoice("to-verify", "to verify before use")])
    source_title = StringField("Source", validators=[Length(max=300)])
    source_url = StringField("Source address (https)", validators=[Length(max=500), _check_url])
    verified = DateField("Verified on", validators=[Optional()])
    note = TextAreaField("Note for editors (never shown publicly)", validators=[Length(max=2000)])
    contacts = FieldList(FormField(ContactForm), min_entries=0, max_entries=12)
    message = StringField("What changed (optional, for the history)", validators=[Length(max=200)])
    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])

    def to_data(self) -> dict:
        contacts = [entry.form.to_contact() for entry in self.contacts
                    if not entry.form.remove.data and not entry.form.is_blank()]
        return {"status": self.status.data, "source_title": (self.source_title.data or "").strip(),
                "source_url": (self.source_url.data or "").strip() or None,
                "verified": self.verified.data.isoformat() if self.verified.data else None,
                "note": self.note.data or "", "contacts": contacts}


class ServiceTextForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("A service needs a name."), Length(max=200)])
    summary = StringField("Summary", validators=[Length(max=300)])
    when_to_use = TextAreaField("When to use it", validators=[Length(max=2000)])
    when_not_to_use = TextAreaField("When not to use it", validators=[Length(max=2000)])
    hours = StringField("Hours", validators=[Length(max=200)])
    cost = StringField("Cost", validators=[Length(max=200)])
    languages = StringField("Languages", validators=[Length(max=300)])
    reviewed = BooleanField("A person has checked this text (not machine-translated)")
    message = StringField("What changed (optional, for the history)", validators=[Length(max=200)])
    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])
    TEXT = ("name", "summary", "when_to_use", "when_not_to_use", "hours", "cost", "languages")


class ScenarioSharedForm(FlaskForm):
    group_id = SelectField("Group in the guide")
    service_id = SelectField("The number to call")
    message = StringField("What changed (optional, for the history)", validators=[Length(max=200)])
    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])
    TEXT = ("group_id", "service_id")


class ScenarioTextForm(FlaskForm):
    situation = StringField("Situation", validators=[DataRequired("Describe the situation."), Length(max=300)])
    reason = TextAreaField("Why that number", validators=[Length(max=500)])
    reviewed = BooleanField("A person has checked this text (not machine-translated)")
    message = StringField("What changed (optional, for the history)", validators=[Length(max=200)])
    base = IntegerField(widget=HiddenField.widget, validators=[InputRequired(), NumberRange(min=0)])
    TEXT = ("situation", "reason")
