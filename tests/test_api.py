"""The directory as JSON, for the assistant and other tools."""


def test_services_json_in_a_language(client):
    data = client.get("/api/services?locale=fr").get_json()
    assert data["locale"] == "fr"
    by_id = {s["id"]: s for s in data["services"]}
    assert by_id["emergency-911"]["contacts"][0]["href"] == "tel:911"
    assert by_id["police-non-emergency"]["contacts"][0]["href"] == "tel:+14168082222"
    english = client.get("/api/services?locale=en").get_json()
    assert {s["id"]: s["name"] for s in english["services"]}["police-non-emergency"] != by_id["police-non-emergency"]["name"]


def test_scenarios_json(client):
    data = client.get("/api/scenarios?locale=ar").get_json()
    assert sum(len(g["scenarios"]) for g in data["groups"]) >= 30


def test_unknown_locale_is_a_400_with_a_message(client):
    response = client.get("/api/services?locale=klingon")
    assert response.status_code == 400
    assert response.get_json()["error"] == "unknown locale"


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.is_json
