"""The JSON API's one error shape: ``{"error": "<what is wrong, for a person>"}`` with a 400."""
from flask import jsonify


def bad_request(message: str):
    response = jsonify(error=message)
    response.status_code = 400
    return response
