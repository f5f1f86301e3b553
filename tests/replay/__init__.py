"""Replay sites: local copies of the publishing systems regional providers use (KuferWEB,
KuferSQL XML, The Events Calendar, MOOChub, schema.org pages), written from each format's
documentation, served by `server.replay_handler` so that templates are tested without network."""
