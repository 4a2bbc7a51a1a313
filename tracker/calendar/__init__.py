"""Calendar outputs: .ics files and subscription feeds of the follow-up actions.

- `build`: actions (read models from `tracker.queries.calendar`) -> iCalendar
  text, built with `ics` through the subclasses in `components`, folded by
  `folding`, with the VTIMEZONE of `timezone`.
- `feeds`: a scope's calendar as bytes with an ETag, cached by a fingerprint
  of its data; feed URLs.
- `subscriptions`, `tokens`: who may read which feed; `scopes`: checking
  the owner or body a calendar is asked for.
- `server`: `tracker serve`, the read-only HTTP server (Starlette on
  uvicorn), with `connections` limiting slow and idle clients.

Nothing here imports the TUI, and `server` (with its web stack) is imported
only by the commands that serve.
"""
