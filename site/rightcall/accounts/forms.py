"""Forms of the workspace (Flask-WTF: every one carries a CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class SignInForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class SignOutForm(FlaskForm):
    """Signing out is a POST with a CSRF token, so no other site can sign anyone out."""
