"""CBS open data: the kerncijfers per gemeente and wijk (Kerncijfers wijken en buurten),
fetched from CBS's OData v3 feed (client.py) and kept in the database by
`wijkbot data cbs`."""
