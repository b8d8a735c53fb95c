-- The interface language a person chose for their account (a code such as 'en' or 'es'); NULL
-- means "not chosen": the site then follows the browser's language.
ALTER TABLE users ADD COLUMN language TEXT;
