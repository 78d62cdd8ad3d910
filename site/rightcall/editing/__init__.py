"""Editing the campaign content in the workspace: pages, the service directory and the
scenarios, each as immutable revisions with draft, review and publish, history, diff and
restore; who may do what; validation of numbers and links."""
