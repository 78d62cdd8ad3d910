"""The Right Call action server (rasa-sdk): one action answers every turn."""
