-- Whether a contact's region came from the input's `region` column (an
-- override) rather than from its postal code: a crosswalk or regions
-- reload re-derives only the derived ones.  Contacts loaded before this
-- version count as derived.
ALTER TABLE contacts ADD COLUMN region_given INTEGER NOT NULL DEFAULT 0
  CHECK (region_given IN (0, 1));
