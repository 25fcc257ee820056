"""Schema version 4: the next planned session found in an index of planned sessions only.

The client list shows each client's next planned session, which depends on the day and
so cannot be kept by the figures' triggers (schema 3). Looked up in the index of every
session, it read a leaf page of that index for nearly every client: on the benchmark
vault (10,000 clients, 200,000 sessions) 9 MB of decrypted pages held in the page
cache while the window is open, which put the open vault over twice the memory of a
bare window. A partial index holds only planned, not deleted sessions, so the look-up
reads a few pages.
"""


def migrate(db):
    db.execute_sql('CREATE INDEX "session_planned_client_id_date" ON "session" '
                   '("client_id", "date") WHERE "attendance" = \'planned\' AND "deleted" = 0')
