"""Forms of the workspace (Flask-WTF: every one carries a CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField,
                     StringField, widgets)
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..locales import TAGS
from ..models.accounts import ROLES


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SignInForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that does one thing (sign out, new invitation link): a POST with only a CSRF
    token, so no other site can press it for anyone."""


class AccountForm(FlaskForm):
    """An admin's view of one account: who, which role, which languages, active or not."""

    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField("Name", validators=[DataRequired(), Length(max=100)])
    role = SelectField("Role", choices=list(ROLES), validators=[DataRequired()])
    locales = MultiCheckboxField("Languages (translators)", choices=list(TAGS))
    active = BooleanField("Active", default=True)


class PasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=12, max=200)])
    confirm = PasswordField("The same again", validators=[EqualTo("password", "The two passwords differ.")])
