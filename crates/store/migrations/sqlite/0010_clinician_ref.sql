-- A clinician's own identifier for a patient (e.g. their hospital number), kept on that
-- clinician's grant so two people with the same name cannot be confused; only that clinician
-- sees or changes it. Optional.
ALTER TABLE clinician_grants ADD COLUMN clinician_ref TEXT;
