-- The language a reader reads Tribune in (`en`, `fr`): the one they last chose from the
-- language menu, or signed up in. Emails sent outside their requests (notifications, digests)
-- are written in it; NULL means the site's language.
ALTER TABLE users ADD COLUMN language TEXT;
