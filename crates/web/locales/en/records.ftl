# The tracker's record pages (labs, medicines, conditions, strength, visits, sharing, import,
# assessments, history, editing), the clinician's list, and form errors.

## Labs

labs-add-a-result = Add a result
labs-copy-the-reference-range = Copy the reference range from your lab report: give low and high, or only the upper limit of normal.
labs-unit = Unit
labs-reference-range-low-optional = Reference range, low (optional)
labs-reference-range-high-optional = Reference range, high (optional)
labs-upper-limit-of-normal = Upper limit of normal only (optional)
labs-save-result = Save result
labs-ck-last-two-years = CK, last two years
labs-converted-shows-the-value = "Converted" shows the value in the other common unit (U/L ↔ µkat/L, mg/L ↔ mg/dL, g/L ↔ g/dL) with cited factors.

## Medicines

meds-not-saved-yet-please = Not saved yet. Please check:
meds-if-it-is-right = If it is right, write the reason in the form below (
meds-reason = Reason
meds-and-save-again = ) and save again.
meds-saved = Saved { $form-name }.
meds-missed-doses = Missed doses
meds-drug-guide = Drug guide
meds-your-medicines = Your medicines
meds-no-medicines-recorded = No medicines recorded.
meds-stopped = Stopped:
meds-confirmed = Confirmed:
meds-taken-2 = Taken
meds-missed-2 = Missed
meds-restart = Restart
meds-change-the-dose-of = Change the dose of { $name } or stop it
meds-restart-on = Restart on
meds-new-dose-optional-else = New dose (optional, else the last one)
meds-dose-unit = Dose unit
meds-reason-if-the-dose = Reason, if the dose is above the usual range (optional)
meds-the-earlier-dose-is = The earlier dose is kept: it ends the day before.
meds-new-dose = New dose
meds-change-dose = Change dose
meds-last-day-taken = Last day taken
meds-why-it-was-stopped = Why it was stopped
meds-stop-keeps-its-history = Stop (keeps its history)
meds-dose-in-force-on = Dose in force on a day
meds-day = Day
meds-show = Show
meds-your-time-zone = Your time zone
meds-dose-times-are-local = Dose times are local wall-clock times in this zone (08:00 stays 08:00 across daylight-saving changes).
meds-save-time-zone = Save time zone
meds-add-a-medicine = Add a medicine
meds-methotrexate-for-myositis-is = Methotrexate for myositis is taken once a week: Myo only accepts a weekly schedule for it.
meds-name = Name
meds-generic-name-optional = Generic name (optional)
meds-route = Route
meds-by-mouth = by mouth
meds-injection-under-the-skin = injection under the skin
meds-injection-into-a-muscle = injection into a muscle
meds-infusion-into-a-vein = infusion into a vein
meds-on-the-skin = on the skin
meds-how-often = How often
meds-kind-hint = Fill in only the fields for the one you choose. A field for another kind that is filled in is refused, never used.
meds-daily = daily
meds-several-times-a-day = several times a day
meds-weekly-on-a-day = weekly on a day
meds-every-n-weeks = every N weeks
meds-on-listed-dates = on listed dates
meds-a-taper-steps = a taper (steps)
meds-time-hh-mm = Time (HH:MM)
meds-day-weekly = Day (weekly)
meds-every-n-weeks-n = Every N weeks (N)
meds-times-several-a-day = Times (several a day, comma-separated)
meds-dates-course-comma-separated = Dates (course, comma-separated)
meds-taper-steps-a-taper = Taper steps (a taper, e.g. 20 mg for 7 days, 15 mg for 7 days; the dose comes from the steps)
meds-start = Start
meds-end-optional = End (optional)
meds-i-have-a-risk = I have a risk factor my care team told me about for this medicine's monitoring
meds-reason-why-this-is = Reason (why this is right, for example "prescribed by my rheumatologist on 1 March")
meds-save-medicine = Save medicine

## Conditions and antibodies

cond-conditions-and-antibodies = Conditions and antibodies
cond-antibody-results = Antibody results
cond-for-a-positive-result = For a positive result, the features the knowledge base links to that antibody. These are associations reported in studies, not a prediction for you; cancer screening is a decision for your care team (see the
cond-imacs-cancer-screening-risk = IMACS cancer-screening risk calculator
cond-about-this-antibody = About this antibody
cond-action-plan-what-to = Action plan: what to watch for and what to do
cond-linked-in-studies-to = Linked in studies to (not a prediction for you):
cond-no-antibody-results-recorded = No antibody results recorded.
cond-add-a-diagnosis = Add a diagnosis
cond-diagnosis-as-your-doctor = Diagnosis (as your doctor gave it)
cond-diagnosed-on-optional = Diagnosed on (optional)
cond-resolved-on-optional = Resolved on (optional)
cond-save-diagnosis = Save diagnosis
cond-add-an-antibody-result = Add an antibody result
cond-positive = Positive
cond-negative = Negative
cond-borderline = Borderline
cond-titre-or-level-as = Titre or level as printed (optional)

## Strength and function

strength-home-tests = Home tests
strength-leave-a-test-empty = Leave a test empty if you did not do it.
strength-30-second-sit-to = 30-second sit-to-stand (number of stands)
strength-timed-up-and-go = Timed up-and-go (seconds)
strength-arm-raise-held-seconds = Arm raise held (seconds)
strength-save-home-tests = Save home tests
strength-scored-assessment = Scored assessment
strength-enter-an-assessment-item = Enter an assessment item by item; an item that was not done is marked "Not assessed" and reported as missing, never scored as normal.
strength-assessments = Assessments
strength-no-assessments-yet = No assessments yet.
strength-last-year = Last year

## Visits

visits-no-visits-recorded = No visits recorded.
visits-total-improvement-score-between = Total Improvement Score between two visits
visits-baseline-visit = Baseline visit
visits-follow-up-visit = Follow-up visit
visits-compute-tis = Compute TIS
visits-haq-di-is-not = HAQ-DI is not recorded with visits here, so function is reported as missing and the score is a lower bound.
visits-add-a-visit = Add a visit
visits-copy-what-your-care = Copy what your care team recorded. Leave anything not assessed empty: it stays "not assessed".
visits-visit-date = Visit date
visits-physician-global-activity-0 = Physician global activity (0–10)
visits-patient-global-activity-0 = Patient global activity (0–10)
visits-extramuscular-activity-0-10 = Extramuscular activity (0–10)
visits-mmt-8-grades-one = MMT-8 grades, one side (0–10)
visits-ck-u-l = CK (U/L)
visits-ck-upper-limit-of = CK upper limit of normal (same unit)
visits-save-visit = Save visit

## Sharing and export

share-your-calendar-link = Your calendar link
share-your-new-share-link = Your new share link
share-copy-it-now-it = (copy it now; it will not be shown again)
share-this-site-does-not = This site does not know its own address, so this is the part after it: put this site's address (as in your browser's address bar) in front.
share-share-links = Share links
share-anyone-with-the-link = Anyone with the link sees the chosen sections of your last 90 days until it expires or you revoke it. Every opening is logged.
share-sections-to-share = Sections to share
share-expires-after-days-1 = Expires after (days, 1 to { $max-days })
share-label-optional = Label (optional)
share-create-link = Create link
share-opened-times = ; opened { $uses } times.
share-revoke = Revoke
share-no-share-links-yet = No share links yet.
share-end-all-sharing = End all sharing
share-clinicians-and-carers = Clinicians and carers
share-give-someone-access-with = Give someone access with the e-mail address they use for Myo. A clinician (with a Myo clinician account) can read all your tracker records, or also record your clinic visits and other records if you choose; a carer, such as a family member, can read them, or read and change them if you choose. Access starts when they sign in with that address, or create an account with it, and lasts until you revoke it. Everything they look at or change is in your activity log.
share-their-e-mail-address = Their e-mail address
share-they-are = They are
share-a-clinician = a clinician
share-a-carer = a carer
share-they-may = They may
share-read-my-records = read my records
share-read-and-change-my = read and change my records (a clinician can then record visits)
share-give-access = Give access
share-has-access-since = has access since
share-invited-on-waiting-for = invited on { $granted }; waiting for them to sign in
share-access-revoked = access revoked
share-access-for = access for
share-no-one-else-has = No one else has access.
share-hand-over-this-profile = Hand over this profile
share-when-is-ready-to = When { $patient-name } is ready to keep their own records, give the e-mail address they will sign in with. They get a link to choose a password; then the profile and all its records are theirs, and you no longer see them unless they give you access.
share-their-own-e-mail = Their own e-mail address
share-make-the-hand-over = Make the hand-over link
share-calendar = Calendar
share-a-private-link-your = A private link your phone's calendar can subscribe to: each medicine's doses (the weekly methotrexate day, infusions every few weeks, taper steps) and the monitoring tests due, with reminders. It is refreshed from your records; Myo does not prescribe.
share-you-have-a-calendar = You have a calendar link, made on { $since }. Making a new one stops the old one.
share-stop-the-calendar-link = Stop the calendar link
share-make-a-new-calendar = Make a new calendar link
share-make-a-calendar-link = Make a calendar link
share-e-mail-reminders = E-mail reminders
share-myo-can-e-mail = Myo can e-mail you, at your account's address, when:
share-this-site-does-not-2 = This site does not send e-mail yet; your choices are kept for when it does. E-mail me when:
share-reminders = Reminders
share-save-reminders = Save reminders
share-export = Export
share-csv = (CSV)
share-everything-as-a-fhir = Everything as a FHIR R4 Bundle (JSON)
share-delete-my-tracker-data = Delete my tracker data
share-this-removes-every-diary = This removes every diary entry, test, lab result, medicine, share link and clinician grant. It cannot be undone. The audit log keeps only the fact that a deletion happened.
share-type = Type
share-to-confirm = to confirm

## Shared summary (public link)

shared-shared-summary = Shared summary
shared-records-from-to-as = Records from { $from } to { $to }, as shared by the patient. This link expires { $expires }.

## FHIR import

fhir-upload-the-fhir-file = Upload the FHIR file (JSON) from your hospital portal. Myo shows what it would add first; nothing is saved until you confirm.
fhir-these-will-be-added = These will be added
fhir-these-were-refused = These were refused
fhir-already-in-your-records = Already in your records
fhir-not-something-myo-tracks = Not something Myo tracks
fhir-saved-record-s = Saved { $saved } record(s).
fhir-go-to-your-records = Go to your records
fhir-add-these-record-s = Add these { $len } record(s)
fhir-fhir-file-from-your = FHIR file from your portal (JSON, up to 4 MiB)
fhir-or-paste-its-text = Or paste its text
fhir-preview = Preview

## Guided assessment

guided-about-this-assessment = About this assessment
guided-scored-by-myo-s = Scored by Myo's instruments library from { $citation }. Status:
guided-not-yet-verified-in = (not yet verified in every part)
guided-answer-every-item-if = Answer every item. If an item was not done, choose "Not assessed": it is reported as missing and never counted as normal.
guided-date-of-the-assessment = Date of the assessment
guided-sides-tested = Sides tested
guided-one-side = One side
guided-both-sides = Both sides
guided-score-and-save = Score and save
guided-cancel = Cancel

## Record history

history-history-of-this = History of this { $noun }
history-earlier-versions-newest-first = Earlier versions, newest first
history-this-entry-has-not = This entry has not been edited.
history-version-replaced-on = Version { $version }, replaced on
history-field = Field
history-before = Before
history-after = After
history-no-visible-change-saved = No visible change (saved again as it was).
history-edit-it = Edit it
history-back = Back

## Editing a record

edit-edit-this = Edit this { $noun }
edit-not-saved-this-entry = Not saved: this entry changed since you opened it. Your values are kept below. Check the saved version in its
edit-history = history
edit-then-save-again-to = , then save again to replace it.
edit-edited-on = Edited on { $e }.
edit-see-its-history = See its history
edit-change-what-is-wrong = Change what is wrong
edit-saving-keeps-the-earlier = Saving keeps the earlier version in the entry's history.
edit-save-changes = Save changes

## Deleting a record

delete-delete-this = Delete this { $noun }?
delete-what-will-be-deleted = What will be deleted
delete-record = Record
delete-details = Details
delete-you-cannot-undo-this = You cannot undo this. The audit log keeps only the fact that a record was deleted.

## Clinician's patient list

patients-patients-who-shared-their = Patients who shared their records with you
patients-find-by-name-e = Find by name, e-mail or your identifier
patients-everyone = everyone
patients-only-with-open-red = only with open red flags or flare signals
patients-only-with-overdue-monitoring = only with overdue monitoring tests
patients-sort-by = Sort by
patients-open-flags-first = open flags first
patients-last-entry-newest-first = last entry, newest first
patients-name = name
patients-sort-by-2 = Sort by:
patients-open-flags = open flags
patients-last-entry = last entry
patients-show-everyone = show everyone
patients-patient = patient
patients-patients = patients
patients-of-patients-shown = of { $total } patients shown
patients-your-patients-and-what = Your patients and what needs attention
patients-patient-2 = Patient
patients-open-red-flags-and = Open red flags and flare signals
patients-last-entry-2 = Last entry
patients-records = Records
patients-born = Born:
patients-your-identifier = Your identifier
patients-save = Save
patients-identifier-for = identifier for
patients-none = none
patients-red-flag = Red flag
patients-flare-signal = Flare signal
patients-nothing-recorded-yet = nothing recorded yet
patients-record-a-visit = Record a visit
patients-no-patient-has-given = No patient has given you access yet.
patients-no-patient-matches = No patient matches.
patients-red-flags-stay-open = Red flags stay open until the patient marks them as dealt with; flare signals cover the last 30 days; monitoring tests follow the rules cited on each patient's dashboard. Your identifier is seen only by you.
patients-your-own-tracker = Your own tracker

## Tracker record pages: tables and titles made in code

labs-list-caption = Lab results, newest first
labs-list-empty = No lab results yet.
labs-col-reference = Reference
labs-col-flag = Flag
labs-col-converted = Converted
labs-flag-low = low
labs-flag-normal = in range
labs-flag-high = high
labs-flag-none = no range
labs-delete-label = lab { $test } { $date }
strength-list-caption = Home tests (– = not done)
strength-list-empty = No home tests yet.
strength-col-sit-to-stand = Sit-to-stand (30 s)
strength-col-up-and-go = Timed up-and-go (s)
strength-col-arm-raise = Arm raise (s)
strength-delete-assessment = assessment { $instrument } { $date }
strength-delete-home-tests = home tests { $date }
cond-list-caption = Diagnoses as recorded (Myo never diagnoses)
cond-list-empty = No conditions recorded.
cond-delete-label = condition { $name }
cond-delete-label-dated = condition { $name } { $date }
cond-delete-antibody = antibody { $name } { $date }
cond-outcome-positive = positive
cond-outcome-negative = negative
cond-outcome-borderline = borderline
meds-not-taken-that-day = not taken that day
meds-no-missed-dose-advice = Myo has no missed-dose advice for this medicine: ask your care team or pharmacist.
meds-delete-label = medicine { $name } { $date }
meds-dates-ended = { $start } to { $end }
meds-dates-since = since { $start }
meds-adherence = last 28 days: { $taken } taken, { $missed } missed, { $unknown } not recorded
sched-daily = daily at { $time }
sched-weekly = weekly on { $day } at { $time }
sched-every-n-weeks = every { $n } weeks at { $time }
sched-course = on { $dates } at { $time }
sched-taper = taper at { $time }: { $steps }
sched-taper-step = { $dose } for { $days } days
sched-taper-then = , then{" "}
weekday-monday = monday
weekday-tuesday = tuesday
weekday-wednesday = wednesday
weekday-thursday = thursday
weekday-friday = friday
weekday-saturday = saturday
weekday-sunday = sunday
route-oral = oral
route-subcutaneous = subcutaneous
route-intramuscular = intramuscular
route-intravenous = intravenous
route-topical = topical
delete-no-doses = You have not recorded any doses of this medicine.
delete-doses-too = { $count ->
    [one] The 1 dose you recorded for this medicine will be deleted too.
   *[other] The { $count } doses you recorded for this medicine will be deleted too.
}
kind-noun-diary = diary entry
kind-noun-labs = lab result
kind-noun-medicines = medicine
kind-noun-doses = dose
kind-noun-home_tests = home test entry
kind-noun-conditions = condition
kind-noun-antibodies = antibody result
kind-noun-visits = visit
kind-noun-assessments = assessment
kind-csv-diary = Diary
kind-csv-labs = Lab results
kind-csv-medicines = Medicines
kind-csv-doses = Doses taken or missed
kind-csv-home_tests = Home tests
kind-csv-conditions = Conditions
kind-csv-antibodies = Antibody results
kind-csv-visits = Visits
kind-csv-assessments = Strength and function assessments
visits-delete-label = visit { $date }
patients-title = Patients

## Form errors: the field's label and what is wrong (the tracker's English words, or the
## problem as data worded here)

field-dose-amount = Dose
field-dose-unit = Dose unit
field-dose = Dose
field-name = Name
field-generic-name = Generic name
field-route = How it is taken
field-schedule-kind = How often
field-schedule-day = Day of the week
field-schedule-time = Time
field-schedule-times = Times
field-schedule-n = Every N weeks
field-schedule-dates = Dates
field-schedule-steps = Taper steps
field-start = Start
field-end = End
field-confirmation = Reason
field-time-zone = Time zone
field-value = Value
field-unit = Unit
field-analyte = Test
field-low = Lower limit
field-high = Upper limit
field-uln = Upper limit of normal
field-range = Reference range
field-range-uln = Upper limit of normal
field-date = Date
field-note = Note
field-titre = Titre
field-sit-to-stand-30s = 30-second sit-to-stand
field-timed-up-and-go-s = Timed up-and-go
field-arm-raise-s = Arm raise
field-taper-step = Taper step
form-invalid = { $field }: { $problem } (allowed: { $allowed })
invalid-out-of-range = { $field }: { $value } is out of range (allowed: { $low } to { $high })
invalid-future-date = { $field }: { $date } is in the future (allowed: today ({ $today }) or an earlier day)
invalid-not-a-number = { $field }: '{ $text }' cannot be read as a number (allowed: a number such as 1850 or 1.85)
invalid-not-a-date = { $field }: '{ $text }' is not a date (allowed: YYYY-MM-DD)
invalid-missing = { $field }: missing (allowed: a number)
