# Myo's interface in English (the source language). Every message here exists in every other
# language with the same variables (tested). Keys are grouped by page; a key used on several
# pages lives in the first group that needs it.

## Layout: header, navigation, footer, language switch

skip-to-main = Skip to main content
nav-home-label = Myo home
nav-main-label = Main
nav-learn = Learn
nav-ask = Ask
nav-calculators = Calculators
nav-tracker = My tracker
nav-audit = Audit log
nav-users = Users
nav-moderation = Moderation
nav-account = Account
nav-account-for = for { $name }
nav-signout = Sign out
nav-signin = Sign in
nav-signup = Sign up
footer-disclaimer-title = Medical disclaimer.
# The same words as the knowledge base's disclaimer (tested).
disclaimer = Myo gives general information; it does not diagnose, prescribe or replace your care team. Talk to your doctor or nurse about your own care. In an emergency, call 911 or your local emergency number now.
footer-open-source = Myo is open-source software.
footer-htmx-licence = htmx licence
lang-switch-label = Language:

## Home

home-title = Myo: clear information about dermatomyositis and myositis
home-lead = Reviewed, dated pages with their sources, answers to your questions, and the published clinical scores explained item by item. Myo informs; it does not diagnose or prescribe.
home-search-label = Search the knowledge base
home-search-placeholder = for example: heliotrope rash
home-search-button = Search
home-emergency-lead = In an emergency
home-emergency = (trouble breathing or swallowing, chest pain, fainting), call 911 or your local emergency number now.
home-start-here = Start here
home-card-learn = Symptoms, tests, medicines, diet and daily life, each page with its sources and review date.
home-card-ask-title = Ask a question
home-card-ask = Answers come only from the reviewed pages, with numbered sources. Warning signs are flagged first.
home-card-calculators = { $count } published instruments, such as the EULAR/ACR 2017 criteria, with every item explained.
home-browse = Browse by topic
title-home = Dermatomyositis and myositis information
kb-section-overview = Overview
kb-section-types = Types of myositis
kb-section-causes = Causes and risk factors
kb-section-symptoms = Symptoms and signs
kb-section-tests = Tests
kb-section-treatments = Treatments
kb-section-drugs = Medicines
kb-section-supplements = Supplements
kb-section-advanced = Advanced and experimental therapies
kb-section-procedures = Procedures
kb-section-prevention = Prevention
kb-section-red-flags = Warning signs
kb-section-diet = Diet
kb-section-faq = Questions people ask
kb-section-antibodies = Antibodies
kb-section-living = Living with myositis
kb-section-organisations = Patient organisations
kb-section-trials = Clinical trials
kb-section-related = Related conditions
kb-section-glossary = Glossary

## Sign in and sign up

title-signin = Sign in
signin-title = Sign in
field-email = E-mail address
field-password = Password
signin-forgot = Forgot your password?
signin-no-account = No account yet?
signin-create-one = Create one
title-signup = Create an account
signup-title = Create an account
signup-intro = An account lets you keep your own records in the tracker: a symptom diary, labs, medicines and visits, to share with your care team if you choose. Myo stores as little as it can, and you can delete your account at any time.
signup-name = Name to show (optional)
signup-password-hint = At least { $count } characters.
signup-password-again = Password again
signup-tz-label = Time zone:
signup-tz-unknown = your tracker will ask you to confirm it after you sign in
signup-tz-found = { $zone } (from this browser; you can change it in your tracker's settings)
signup-tz-why = Myo uses it for "today" in your diary, doses and warnings.
signup-submit = Create account
signup-have-account = Already have an account?
signin-notice-deleted = Your account has been deleted.
signin-notice-signed-out = You are signed out.
signin-notice-handed-over = Your records are yours now. Sign in with your e-mail address and the password you just chose.
signin-notice-reset = Your new password is saved. You were signed out everywhere and your API tokens were stopped: sign in with the new password.
signin-notice-signed-up = Thank you. If this e-mail address had no account, your account is ready: sign in with it now. If it already had one, sign in with its password.
signin-notice-signed-up-no-zone = Thank you. If this e-mail address had no account, your account is ready: sign in with it now. If it already had one, sign in with its password. Your browser did not tell us your time zone, so Myo counts days in UTC until you confirm yours: your tracker will ask you.
signin-err-missing = Enter your e-mail address and password.
signin-err-wrong = The e-mail address or password is wrong.
signup-err-email = Enter an e-mail address like name@example.org.
signup-err-name = Use at most 100 printable characters.
signup-err-password = Use at least { $count } characters (a few words make a good password).
signup-err-confirm = The two passwords differ.

## Error pages

error-title = { $status ->
    [400] Bad Request
    [403] Forbidden
    [404] Not Found
    [405] Method Not Allowed
    [409] Conflict
    [413] Payload Too Large
    [422] Unprocessable Entity
    [429] Too Many Requests
    [500] Internal Server Error
    [503] Service Unavailable
   *[other] Error
}
error-code = Error { $status }.
error-home-link = Go to the home page
error-msg-not-found = There is no page at this address.
error-msg-method = This address does not accept that kind of request.
error-msg-busy = Myo is busy right now. Please try again in a few seconds.
error-msg-conflict = This entry changed since you opened it, so nothing was saved. Go back, reload it and make your change again.
error-msg-internal = Something went wrong on our side; it has been logged.
error-msg-csrf-wrong = the form's security token is wrong; reload the page and try again
error-msg-csrf-missing = the form's security token is missing; reload the page and try again
error-msg-too-large = The form is too large.
error-msg-language = Language: choose one of the languages offered.
error-msg-no-record = There is no such record.
error-msg-signup-off = Sign-up is turned off on this site. Ask its administrator for an account.
error-msg-clock = The server clock is out of range.

## Tracker: frame, tables, warnings

tracker-records-of = Records of
tracker-shared-read-only = (shared with you; read only)
tracker-switch-person = Switch person
tracker-nav-label = Tracker
tab-dashboard = Dashboard
tab-diary = Diary
tab-strength = Strength
tab-labs = Labs
tab-conditions = Conditions
tab-medicines = Medicines
tab-visits = Visits
tab-summary = Visit summary
tab-settings = Settings
tab-sharing = Sharing and export
table-region = Table: { $caption }
table-action = Action
table-edit = Edit
table-delete = Delete
table-edited-on = edited on { $when }
table-history-of = history of { $what }
form-not-saved = Not saved.
tz-prompt-owner = Myo does not know your time zone yet, so it counts "today" in UTC (Coordinated Universal Time). If you live elsewhere, your diary days, dose times and warnings can be a day off.
tz-prompt-link = Confirm your time zone in Settings
tz-prompt-other = This person has not confirmed their time zone yet, so "today" on these pages is counted in UTC (Coordinated Universal Time).
flags-title = Warning signs not yet dealt with
flags-tier = { $tier ->
    [emergency] Emergency warning sign
   *[other] Urgent warning sign
}
flags-line = { $tier ->
    [emergency] Emergency warning sign
   *[other] Urgent warning sign
} in the diary entry for { $date }
flags-resolve = Mark as dealt with
flags-status-open = not yet dealt with
flags-status-resolved = marked as dealt with { $date }
flags-period-line = { $tier ->
    [emergency] Emergency warning sign
   *[other] Urgent warning sign
} for { $date }: { $title } ({ $status }).
flags-period-none = None recorded in this period.
flags-period-title = Warning signs raised in the period
answer-yes = Yes
answer-no = No
answer-not-answered = Not answered
value-yes = yes
value-no = no
rating-weakness = weakness
rating-fatigue = fatigue
rating-pain = pain
rating-rash = rash
rating-itch = itch
rating-sleep_quality = sleep quality
rating-mood = mood
symptom-swallowing_trouble = trouble swallowing
symptom-breathlessness = breathlessness
symptom-fever = fever
symptom-new_skin_sores = new skin sores
column-date = Date
column-note = Note

## Tracker: dashboard

title-dashboard = Tracker dashboard
dash-at-a-glance = At a glance ({ $date })
dash-diary-days = Diary days in the last 30
dash-diary-days-value = { $count } of 30
dash-last-entry = Last diary entry
dash-none-yet = none yet
dash-active-medicines = Medicines being taken
dash-overdue = Overdue monitoring tests
dash-latest = Latest values
dash-latest-measure = Measure
dash-latest-value = Value
dash-latest-empty = Nothing recorded yet.
dash-not-recorded = not recorded
dash-monitoring = Monitoring tests
dash-monitoring-hint = From Myo's dated monitoring rules; each line names the guideline or drug label it comes from. Your care team's plan comes first.
dash-monitoring-none = No monitoring tests are due for your recorded medicines.
dash-due-for = for { $medicine }
due-state = { $state ->
    [overdue] overdue
    [due-soon] due soon
    [upcoming] upcoming
   *[done] done
}
dash-from = From
dash-and = and
dash-interval-verified = Interval verified against the source (rules of { $date }).
dash-interval-unverified = Interval not yet verified against the source (rules of { $date }).
dash-flares = Flare signals (last 30 days)
dash-flares-hint = A heuristic (status: partial): a rise above your own recent baseline. It is not a diagnosis; talk to your care team.
dash-flares-none = No flare signals.
dash-trends = Trends
dash-trends-hint = Gaps in a line are days without a record, not zeros. Coloured bars under a chart show when each medicine was taken. Each chart has a key and its values as a table.

## Tracker: diary

title-diary = Diary
diary-banner-today = { $tier ->
    [emergency] Emergency warning sign
   *[other] Urgent warning sign
} in today's entry
diary-banner-day = { $tier ->
    [emergency] Emergency warning sign
   *[other] Urgent warning sign
} in the entry for { $date }
diary-saved = Saved.
diary-form-title = How are you today?
diary-form-hint = Leave anything you did not rate empty: it is stored as "not recorded", never as 0. Saving again for a day that has an entry updates only what you change.
diary-date = Date
diary-ratings-legend = Ratings from 0 to 10 (weakness, fatigue, pain, rash, itch: 10 = worst; sleep and mood: 10 = best)
diary-symptom-question = { $symptom }?
diary-note = Note (optional, at most 2000 characters)
diary-clear-title = Erase a saved answer for this day
diary-clear-hint = Saving again for the same day keeps what you leave empty. Tick what you want erased.
diary-clear-note = note
diary-submit = Save entry
diary-chart-title = Last 90 days
diary-list-title = Entries
diary-list-caption = Recent entries (a day without an entry is a gap, not a zero)
diary-list-empty = No diary entries yet.
diary-delete-label = diary { $date }

## Tracker: visit summary (page, print and PDF)

title-summary = Visit summary
summary-from = From
summary-to = To
summary-sections = Sections
summary-questions = Questions for the doctor (one per line)
summary-submit = Show summary
summary-pdf = Download as PDF
summary-print-hint = Use your browser's print command for a paper copy; the page prints without menus.
summary-heading = { $name }: { $from } to { $to }
summary-days = { $recorded } of { $total } days have a diary entry.
section-symptoms = Symptoms (diary)
section-strength = Strength and function
section-labs = Lab results
section-medicines = Medicines and changes
section-flares = Flare signals
section-questions = Questions for the doctor
summary-symptoms = Symptoms
summary-ratings-caption = Diary ratings over the range
summary-ratings-empty = No ratings recorded.
summary-col-rating = Rating
summary-col-days = Days recorded
summary-col-mean = Mean
summary-col-lowest = Lowest
summary-col-highest = Highest
summary-col-first = First
summary-col-last = Last
summary-symptom-days = yes on { $yes } of { $answered } answered days.
summary-range = { $from } to { $to }
summary-gaps = Days without an entry (gaps, not zeros): { $days }.
summary-note = Note { $date }
summary-strength = Strength and function
summary-labs-caption = Lab results in the range
summary-labs-empty = No lab results in the range.
summary-col-test = Test
summary-col-results = Results
summary-col-out-of-range = Out of range
summary-col-latest = Latest
summary-value-on = { $value } on { $date }
summary-dose-caption = Dose in force, from each day it changed
summary-col-medicine = Medicine
summary-col-dose = Dose
summary-dose-empty = No medicine taken in the range.
summary-not-taken = not taken
summary-medicines = Medicines and changes
summary-flares = Flare signals
summary-flares-note = Flare signals are a heuristic (status: partial), not a diagnosis: discuss them with your care team.
summary-questions-title = Questions for the doctor
pdf-heading = Visit summary: { $name }
pdf-title = Visit summary: { $name }, { $from } to { $to }
pdf-name = Name: { $name }
pdf-birth-date = Date of birth: { $date }
pdf-identifier = Identifier: { $id }
pdf-clinician-ref = Clinician's identifier: { $id }
pdf-page = Page { $n } of { $total }
pdf-record-id = Myo record { $id }
pdf-none-recorded = none recorded
pdf-period = Period: { $from } to { $to }
pdf-made = Made: { $when }
pdf-disclaimer = Myo informs; it does not diagnose or prescribe. Values come from the person's own records; missing values are shown as missing, not as normal.
pdf-escalation = In an emergency (trouble breathing or swallowing, chest pain, fainting), call 911 or your local emergency number now.
pdf-nothing = None recorded.
pdf-chart-alt = Chart of diary ratings from { $from } to { $to }: weakness (solid line), fatigue (dashed), pain (dotted), 0 to 10; breaks are days without an entry. The table above gives the same data in numbers.
clin-diagnosis-title = Diagnosis and antibodies
clin-conditions-caption = Diagnoses as recorded
clin-col-condition = Condition
clin-col-diagnosed = Diagnosed
clin-col-resolved = Resolved
clin-conditions-empty = No diagnosis recorded.
clin-antibodies-caption = Antibody results and what a positive result is associated with
clin-col-antibody = Antibody
clin-col-result = Result
clin-col-sample-date = Sample date
clin-col-associated = Associated with (knowledge base)
clin-antibodies-empty = No antibody result recorded.
clin-no-kb-entry = no knowledge-base entry
clin-not-given = not given
clin-labs-caption = Each result with the lab's reference range
clin-trends-caption = Trend of each test over the period (the first and latest result compared)
clin-col-change = Change
clin-trend-one = one result: no trend
clin-trend-same = unchanged
clin-trend-up = up { $pct } %
clin-trend-down = down { $pct } %
clin-trend-up-from-zero = up from 0
clin-trend-other-units = { $n } in another unit, not compared
clin-col-range = Reference range
clin-col-against = Against range
clin-below = below
clin-within = within
clin-above = above
clin-no-range = no range given
clin-visits-caption = Visits: instrument scores and Total Improvement Score
clin-col-tis = TIS against the visit before
clin-visits-empty = No visit recorded in the range.
clin-not-assessed = not assessed
clin-not-scored = could not be scored
clin-of = { $value } of { $max }
clin-incomplete = incomplete (of { $max })
clin-haq = { $value } (0 best to { $max })
clin-no-visit-before = no visit before
clin-tis = { $score } of 100, { $category } improvement (from { $date })
clin-tis-lower-bound = { $score } of 100, { $category } improvement; a lower bound, some measures missing (from { $date })
clin-not-computed = not computed: { $why }
clin-missed-caption = Doses recorded as missed
clin-col-time = Time
clin-missed-empty = No missed dose recorded (doses not logged are unknown, not taken or missed).
clin-deleted-medicine = a deleted medicine
summary-visit-line = Visit or assessment { $date }: MMT-8 { $mmt }, HAQ-DI { $haq }, CMAS { $cmas }.
summary-home-tests = { $test }: { $count } tests; first { $first }, last { $last }.
hometest-sit-to-stand = 30-second sit-to-stand (stands)
hometest-timed-up-and-go = timed up-and-go (seconds)
hometest-arm-raise = arm raise (seconds)
settings-title = Your time zone and date of birth
settings-hint = Myo uses it for "today", your diary days, dates that cannot be in the future, dose times and when an entry was edited. Today in this zone is
settings-tz-label = Time zone (start typing a city, e.g. Europe/Berlin)
settings-tz-unsaved = No time zone is saved yet, so Myo is using UTC. Choose yours and press Save.
settings-tz-found = Your browser says { $zone }; it is filled in above. Press Save to confirm it.
settings-birth-date = Date of birth (optional)
settings-birth-date-hint = People you share your records with see it beside your name, so they do not mix you up with someone of the same name. Leave it empty to remove it.
settings-submit = Save settings
title-settings = Settings
title-kb = Learn about myositis
kb-pages = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
notice-deleted = Deleted.
notice-edited = Saved your changes. The earlier version is kept in the entry's history.
notice-assessed = Saved and scored. Items marked not assessed are listed as missing and are never scored.
notice-settings = Saved your settings.
title-forgot = Forgot your password?
forgot-intro = Type the e-mail address you sign in with. If it belongs to an account, we send a link to choose a new password. The link works once, for { $minutes } minutes.
forgot-submit = Send me a link
forgot-ask-admin = This site does not send e-mail. Ask its administrator for a link to choose a new password; they can make one for you in the list of accounts.
forgot-signs-out = Choosing a new password signs you out everywhere and stops your API tokens.
forgot-back = Back to sign in
forgot-sent = If { $email } belongs to an account, a link to choose a new password is on its way. It works once, for { $minutes } minutes. Nothing arrived? Check your spam folder, then ask again.
forgot-err-too-many = Too many links were asked for. Please wait an hour and try again.
title-reset = Choose a new password
reset-for-account = For the account
reset-signs-out = Saving it signs you out everywhere and stops your API tokens.
reset-password = New password
reset-password-again = New password again
reset-submit = Save the new password
reset-invalid = This link does not work: it was already used, it is more than { $minutes } minutes old, or it was mistyped.
reset-ask-again = Ask for a new link

## Charts (drawn by the tracker with these words)
chart-no-data = No data yet
chart-nothing-recorded = No data yet: nothing recorded from { $from } to { $to }.
chart-window = From { $from } to { $to }.
chart-series-empty = { $series }: no values recorded.
chart-series-summary = { $series }: { $count } values from { $first } to { $last }, lowest { $lowest }, highest { $highest }, latest { $latest } { $unit }{ $breaks ->
    [0] .
    *[other] ; the line breaks { $breaks } times where days were not recorded.
  }
chart-reference-band = Shaded band: reference range { $range }.
chart-medicine-period = Medicine period: { $medicine } from { $from } to { $to }.
chart-now = now
chart-ongoing = ongoing
chart-bar = { $medicine }, { $from } to { $to }
chart-key = Key: { $title }
chart-reference-range = Reference range { $range }
chart-table-summary = { $title }: values as a table
chart-table-label = Table: { $title } values
chart-table-caption = { $title } ({ $unit }), { $from } to { $to }
chart-table-caption-range = { $title } ({ $unit }), { $from } to { $to }; reference range { $range }
chart-col-date = Date
chart-medicines-caption = Medicines in this period
chart-col-medicine = Medicine and dose
chart-col-from = From
chart-col-to = To
chart-diary-title = Diary ratings (0–10)
chart-diary-unit = points (0–10)
chart-home-test-title = Home test: { $test }
chart-unit-stands = stands
chart-unit-seconds = seconds
chart-mmt8-title = MMT-8 total (higher is stronger)
chart-mmt8-unit = points (0–{ $max })

## Monitoring tests on the dashboard (English pages use the tracker's own words; these match them)
monitor-test-full_blood_count = full blood count
monitor-test-liver_tests = liver tests
monitor-test-kidney_function = kidney function
monitor-test-tpmt = TPMT test
monitor-test-blood_pressure = blood pressure
monitor-test-glucose = blood sugar
monitor-test-hepatitis_b = hepatitis B tests
monitor-test-immunoglobulins = immunoglobulin levels
monitor-test-lipids = cholesterol (lipids)
monitor-test-eye_screening = eye screening
monitor-baseline-before = a baseline { $test } is needed before starting
monitor-baseline-within = a baseline { $test } is needed within { $days } days of starting
monitor-done = { $test } done on { $date }; no repeat is scheduled
monitor-repeat = { $test } every { $weeks } weeks at this stage of treatment
monitor-repeat-last = { $repeat }; last result { $date }
monitor-overdue = OVERDUE by { $days } days (due { $due }): { $why }
monitor-due = due { $due }: { $why }

## Flare signals (English pages use the tracker's own words; these match them)
flare-rise = a rise
flare-drop = a drop
flare-diary = { $rating } { $value } on { $date } vs { $days }-day average { $mean } (average of the { $days } recorded days before it within { $lookback } days; { $change } by { $threshold } or more counts as a possible flare)
flare-ck = CK { $value } U/L on { $date } is { $times } times the previous { $previous } U/L on { $previous_date } (more than { $factor } times counts as a rise)

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
meds-taper-steps-a-taper = Taper steps (a taper, e.g. 20 mg for 7 days, 15 mg for 7 days)
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

## Account

account-your-account = Your account
account-your-new-api-token = Your new API token (copy it now; it will not be shown again)
account-profile = Profile
account-e-mail = E-mail
account-role = Role
account-created = Created
account-see-your-activity-log = See your activity log
account-change-password = Change password
account-current-password = Current password
account-keep-my-api-tokens = Keep my API tokens working (otherwise they are revoked with the old password)
account-api-tokens = API tokens
account-programs-use-a-token = Programs use a token to call the
account-json-api = JSON API
account-as-you = as you:
account-authorization-bearer-myo = Authorization: Bearer myo_…
account-only-a-hash-of = . Only a hash of each token is stored.
account-you-have-no-tokens = You have no tokens.
account-starts-with = Starts with
account-last-used = Last used
account-state = State
account-revoked = revoked
account-token = token
account-new-token-name = New token name
account-create-token = Create token
account-where-you-are-signed = Where you are signed in
account-signed-in = Signed in
account-last-active = Last active
account-address = Address
account-browser = Browser
account-this-browser = (this browser)
account-session-started = session started
account-delete-your-account = Delete your account
account-this-removes-your-account = This removes your account, sessions and tokens at once. The audit log keeps only an anonymous id.
account-your-password = Your password
account-your-community-posts = Your community posts
account-delete-them-with-my = Delete them with my account
account-keep-them-for-others = Keep them for others to read, shown as “former member” and no longer linked to me
account-i-understand-this-cannot = I understand this cannot be undone
account-delete-my-account = Delete my account

## Calculator

calc-breadcrumb = Breadcrumb
calc-classification-criteria-are-not = Classification criteria are not diagnostic criteria.
calc-they-group-patients-for = They group patients for research; they cannot tell whether you have a disease. Only your care team can diagnose.
calc-not-yet-verified = Not yet verified.
calc-some-numbers-or-rules = Some numbers or rules of this instrument are still being checked against the published paper (status: partial). Results are shown with that warning.
calc-source = Source:
calc-doi = doi:
calc-answer-what-you-know = Answer what you know. Anything left as
calc-is-listed-as-missing = is listed as missing and never counted as normal.
calc-please-check-one-answer = Please check one answer
calc-item-by-item = Item by item
calc-item = Item
calc-answer-used = Answer used
calc-points = Points
calc-not-assessed = Not assessed
calc-these-items-were-left = These items were left out. They are never counted as normal: { $missing-rule }. The result may change once they are known.
calc-warnings = Warnings
calc-notes = Notes
calc-status = Status:
calc-source-2 = . Source: { $citation }.
calc-calculate = Calculate

## Calculators index

calcs-published-clinical-instruments-computed = Published clinical instruments, computed exactly as the papers describe, with every item explained. They are for people who already have the measurements from a clinician. Nothing you enter is stored.
calcs-classification-criteria-are-not = Classification criteria are not diagnostic criteria: they group patients for research and cannot tell whether one person has a disease.
calcs-id = Id
calcs-status = · status
calcs-not-yet-verified = (not yet verified)

## Ask

ask-call-or-text = , call or text
ask-emergency-warning-sign = Emergency warning sign
ask-urgent-warning-sign = Urgent warning sign
ask-this-was-flagged-from = : this was flagged from the words in your question.
ask-answers-come-only-from = Answers come only from Myo's reviewed pages and show their sources. Myo cannot diagnose you or change your medicines: please ask your care team about your own care.
ask-your-question = Your question
ask-please-leave-out-names = Please leave out names, dates of birth and other details that identify you.
ask-answer = Answer
ask-not-covered-yet = Not covered yet
ask-about-this-question = About this question
ask-sources = Sources
ask-reviewed = . Reviewed { $reviewed-on }.
ask-related-pages = Related pages

## Knowledge-base entry

kbe-this-page-is-past = This page is past its review date
kbe-review-was-due-some = (review was due { $next-review-due }). Some details may be out of date; check with your care team.
kbe-find-organisations-helplines-and = Find organisations, helplines and specialist centres in the
kbe-directory-of-organisations-and = directory of organisations and centres
kbe-and-studies-that-are = , and studies that are recruiting in the
kbe-clinical-trial-finder = clinical-trial finder
kbe-in-short = In short
kbe-key-facts = Key facts
kbe-where = Where:
kbe-background-reading-only-the = Background reading only; the facts on this page rest on the other sources.
kbe-partly-confirmed = Partly confirmed:
kbe-reviewed-on = Reviewed on
kbe-next-review-due = . Next review due
kbe-cite-this-page = Cite this page
kbe-disclaimer = Disclaimer

## Knowledge-base section

kbs-review-overdue = Review overdue
kbs-also-as-data = Also as data:
kbs-api-v1-kb-section = /api/v1/kb?section=

## Search

search-every-warning-sign-from = : every warning sign, from emergency to discuss at your next visit.
search-no-pages-found = No pages found
search-pages-found = pages found
search-try-other-words-or = Try other words, or
search-ask-a-question = ask a question

## Organisations

orgs-organisations-and-centres = Organisations and centres
orgs-patient-organisations-and-networks = Patient organisations and networks of specialist centres. Each listing comes from a cited record on a
orgs-knowledge-base-page = knowledge-base page
orgs-listings-marked-not-yet = . Listings marked “not yet verified” have not been checked against the organisation's own site: check the number there before you call.
orgs-country = Country
orgs-all-countries = All countries
orgs-kind = Kind
orgs-specialist-centres = Specialist centres
orgs-patient-organisation = Patient organisation
orgs-languages = Languages
orgs-not-stated = Not stated
orgs-helpline = Helpline
orgs-none-listed = None listed
orgs-services = Services
orgs-source = Source
orgs-cited-on-this-page = cited on this page
orgs-not-yet-verified = not yet verified
orgs-checked-on = · checked on
orgs-the-organisation-s-site = the organisation's site
orgs-how-to-find-a = How to find a specialist centre or a second opinion

## Hand-over (the young person)

handover-your-own-myo-log = Your own Myo log-in
handover-the-records-kept-for = The records kept for
handover-become-yours-you-will = become yours. You will sign in as
handover-after-this-whoever-kept = . After this, whoever kept them for you no longer sees them unless you give them access.
handover-choose-a-password = Choose a password
handover-at-least-characters = At least { $min-len } characters.
handover-make-the-records-mine = Make the records mine
handover-this-link-does-not = This link does not work: it was already used, it is too old, or it was mistyped. Ask for a new one.

## Hand-over link

handover-link-hand-over-s-profile = Hand over { $child }'s profile
handover-link-we-sent-this-link = We sent this link to
handover-link-this-site-does-not = This site does not send e-mail: give this link to { $child } yourself, for
handover-link-it-works-once-for = It works once, for { $days } days, and is shown only this once.
handover-link-hand-over-link = Hand-over link
handover-link-when-opens-it-and = When { $child } opens it and chooses a password, the profile and all its records become theirs, and you no longer see them unless they give you access.
handover-link-back-to-the-records = Back to the records you can see

## Care circle

care-records-you-can-see = Records you can see
care-choose-whose-records-to = Choose whose records to open. Each person decided who may see their records, and can take the access back at any time; everything you look at or change is in their activity log, with your name.
care-your-own-records = Your own records
care-you-are-their = (you are their { $relation }: { $access })
care-no-one-has-shared = No one has shared their records with you yet. When someone gives access to your e-mail address, their records appear here after you sign in.
care-add-a-child-s = Add a child's profile
care-for-a-child-with = For a child with juvenile dermatomyositis: you keep their records, and the child has no log-in of their own. When they are ready (for example at 16), hand the profile over from its
care-page-the-records-become = page: the records become theirs.
care-child-s-name = Child's name
care-date-of-birth = Date of birth
care-child-s-time-zone = Child's time zone (start typing a city, e.g. Europe/Berlin)
care-choose-the-zone-the = Choose the zone the child lives in: it sets the child's "today" and dose times.
care-your-own-time-zone = Your own time zone is filled in; change it if the child lives in another zone.
care-add-the-profile = Add the profile

## Community

comm-from-people-living-with = From people living with DM
comm-these-are-personal-experiences = These are personal experiences, not medical advice.
comm-they-are-not-reviewed = They are not reviewed like the answer on this page and may not apply to you. Never change a medicine because of a post; ask your care team.
comm-posts-cannot-be-shown = Posts cannot be shown right now. The reviewed answer above is not affected.
comm-no-one-has-shared = No one has shared an experience here yet.
comm-edited-by-a-moderator = edited by a moderator
comm-waiting-for-a-moderator = Waiting for a moderator.
comm-only-you-can-see = Only you can see this post for now.
comm-person = person
comm-people = people
comm-found-this-helpful = found this helpful.
comm-unmark-this-helped-me = Unmark “this helped me”
comm-this-helped-me = This helped me
comm-report-this-post = Report this post
comm-why-are-you-reporting = Why are you reporting it?
comm-anything-else-a-moderator = Anything else a moderator should know (optional)
comm-send-report = Send report
comm-delete-my-post = Delete my post
comm-share-your-experience = Share your experience
comm-you-post-as = You post as
comm-your-e-mail-is = . Your e-mail is never shown.
comm-your-community-name = Your community name
comm-shown-on-your-posts = Shown on your posts instead of your name or e-mail. You choose it once.
comm-what-kind-of-post = What kind of post is it?
comm-your-experience = Your experience
comm-plain-text-in-your = Plain text, in your own words, about you. No names, e-mail addresses, phone numbers or addresses; links only to public health sites. A moderator reads new posters' first posts before they appear.
comm-post = Post
comm-to-share-your-experience = to share your experience or mark a post as helpful.
comm-moderation-queue = Moderation queue

## Community post

post-your-post-on = Your post on “{ $topic-title }”
post-read-about-this-warning = Read about this warning sign
post-your-post-is-kept = Your post is kept and waits for a moderator before anyone else sees it. Please act on the warning above first; a post is not a way to get help quickly.
post-back-to = Back to “{ $topic-title }”

## Moderation queue

queue-held-posts-and-reported = Held posts and reported posts, emergencies first, then oldest first. Every action needs a reason; it is kept with the post's history and the action goes to the audit log.
queue-nothing-waits-for-a = Nothing waits for a moderator.
queue-emergency-warning-sign = Emergency warning sign.
queue-the-poster-was-shown = The poster was shown the emergency action. Consider whether they need a reply pointing to emergency help.
queue-on = · on
queue-held = held
queue-hidden = hidden
queue-reports = Reports
queue-history = History
queue-approve-and-publish = Approve and publish
queue-hide = Hide
queue-restore = Restore
queue-save-the-edited-text = Save the edited text below
queue-dismiss-the-reports = Dismiss the reports
queue-text-used-only-when = Text (used only when editing)
queue-apply = Apply
queue-to-the-post-by = to the post by

## Trial detail

trial-trial-finder = Trial finder
trial-on-clinicaltrials-gov = on ClinicalTrials.gov
trial-this-summary-is-written = This summary is written by Myo from the registry's fields. The registry page and the study team have the full and current details.
trial-what-is-tested = What is tested
trial-who-can-join = Who can join
trial-where = Where
trial-how-long = How long
trial-what-it-asks-of = What it asks of you
trial-contacts = Contacts
trial-no-central-contact-listed = No central contact listed; see the registry page for each site's contact.
trial-could-this-study-fit = Could this study fit me?
trial-tick-the-box-to = Tick the box to let Myo read your tracker for this check.
trial-use-my-tracker-age = Use my tracker (age, sex, type of myositis, antibodies, current medicines) to compare with this study. Nothing is saved or sent to anyone.
trial-compare = Compare
trial-to-compare-the-study = to compare the study with your own tracker.
trial-eligibility-as-the-registry = Eligibility as the registry writes it
trial-the-registry-gives-no = The registry gives no eligibility text.

## Trial finder

trials-clinical-trial-finder = Clinical-trial finder
trials-studies-of-dermatomyositis-and = Studies of dermatomyositis and the other inflammatory myopathies, copied from
trials-clinicaltrials-gov = ClinicalTrials.gov
trials-last-updated = Last updated
trials-no-studies-have-been = No studies have been copied yet
trials-an-administrator-runs = : an administrator runs
trials-myo-trials-sync = myo trials sync
trials-the-latest-update-failed = The latest update ({ $d }) failed; you are seeing the last good copy.
trials-a-study-listed-here = A study listed here is not a recommendation. Only the study team can say whether you can take part; talk it over with your own doctors.
trials-field = (field: { $field })
trials-status = Status
trials-open-or-opening-soon = Open or opening soon
trials-recruiting-now = Recruiting now
trials-completed = Completed
trials-any-status = Any status
trials-phase = Phase
trials-any-phase = Any phase
trials-anything = Anything
trials-your-age-in-years = Your age in years
trials-your-sex-some-studies = Your sex (some studies take only one)
trials-not-given = Not given
trials-female = Female
trials-male = Male
trials-near-city-or-country = Near (city or country)
trials-a-city-such-as = A city such as Leeds or Boston, or a country. Postcodes are not supported yet. City positions come from GeoNames (CC BY 4.0).
trials-within-km = Within (km)
trials-find-studies = Find studies
trials-of-studies = of { $total } studies
trials-for = for “{ $n }”
trials-new-since-you-last = New since you last looked
trials-tests = Tests:
trials-nearest-site = Nearest site:
trials-saved-searches = Saved searches
trials-open-a-saved-search = Open a saved search to see which studies are new since you last looked. Tick “E-mail me new studies” and Myo also e-mails you when new studies match it, each study once. Myo does not judge whether you can join a study: only the study team can.
trials-open-a-saved-search-2 = Open a saved search to see which studies are new since you last looked. Myo shows them here, on the page; this site is not set up to send e-mail.
trials-you-have-no-saved = You have no saved searches.
trials-e-mail-me-new = E-mail me new studies
trials-for-2 = for
trials-save-choice = Save choice
trials-save-these-filters-as = Save these filters as
trials-save-search = Save search
trials-to-save-a-search = to save a search and see new studies the next time you look.

## Users (admin)

users-add-accounts-turn-them = Add accounts, turn them off and on, and change what they may do. Every change is in the
users-audit-log = audit log
users-account-made-for = Account made for
users-with-the-role = with the role
users-temporary-password-shown-only = Temporary password (shown only this once)
users-give-it-to-the = Give it to the person in a safe way, for example in person or by phone. Do not send it in the same message as the e-mail address.
users-ask-them-to-change = Ask them to change it the first time they sign in:
users-then = , then
users-accounts = Accounts
users-find-by-e-mail = Find by e-mail address
users-find = Find
users-show-all = Show all
users-no-accounts-on-this = No accounts on this page.
users-no-account-matches = No account matches.
users-accounts-oldest-first-page = Accounts, oldest first (page { $page })
users-actions = Actions
users-you = (you)
users-community-moderator = , community moderator
users-disabled-since = disabled since
users-active = active
users-none-for-your-own = None for your own account
users-new-role-for = New role for
users-change-role = Change role
users-stop-moderating = Stop moderating
users-make-moderator = Make moderator
users-make-a-password-reset = Make a password reset link
users-enable = Enable
users-disable = Disable
users-pages-of-accounts = Pages of accounts
users-earlier-accounts = Earlier accounts
users-later-accounts = Later accounts
users-disabling-signs-the-person = Disabling signs the person out everywhere and stops their API tokens. You cannot disable yourself or remove your own admin role, and there is always at least one active admin.
users-add-an-account = Add an account
users-myo-makes-a-strong = Myo makes a strong temporary password for the new account. You will see it only once.
users-add-account = Add account

## Reset link (admin)

reset-link-password-reset-link = Password reset link
reset-link-a-link-for = A link for
reset-link-to-choose-a-new = to choose a new password. It works once, for { $hours } hours, and is shown only this once.
reset-link-reset-link = Reset link
reset-link-give-it-to-the = Give it to the person in a safe way, for example in person or by phone. Using it signs them out everywhere and stops their API tokens.
reset-link-back-to-the-accounts = Back to the accounts

## Audit log

audit-check-the-hash-chain = Check the hash chain
audit-no-events-yet = No events yet.
audit-audit-events-newest-first = Audit events, newest first
audit-when-utc = When (UTC)
audit-who = Who
audit-outcome = Outcome
audit-older-events = Older events

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

## E-mails (in the recipient's account language; each message is one paragraph or line)

mail-reset-subject = Choose a new Myo password
mail-reset-intro = Someone asked to choose a new password for your Myo account.
mail-reset-open = To choose one, open this link within { $minutes } minutes. It works once:
mail-reset-effect = Choosing a new password signs you out everywhere and stops your API tokens.
mail-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
mail-invite-subject = Someone shared their Myo records with you
mail-invite-read = { $name } has given you access to read their records on Myo, a tracker for people living with myositis.
mail-invite-read-write = { $name } has given you access to read and change their records on Myo, a tracker for people living with myositis.
mail-invite-how = To see them, sign in to Myo with this e-mail address, or create an account with it:
mail-invite-ignore = If you do not know this person, ignore this message.
mail-handover-subject = Your Myo records are ready for you
mail-handover-intro = { $name } has set up your own Myo log-in for the records they kept for you.
mail-handover-open = Open this link within { $days } days to choose your password. It works once:
mail-handover-after = Afterwards the records are yours alone: they can no longer see them unless you give them access.
mail-reminder-open = Open your tracker: { $link }
mail-reminder-informs = Myo informs; it does not diagnose or prescribe. If you feel unwell, contact your care team, or emergency services in an emergency.
mail-reminder-stop = To stop these e-mails, untick them under Sharing and export.
mail-monitoring-subject = Myo: { $test } due
mail-monitoring-body = A monitoring test for { $medicine } is due on { $date }: { $test }.
mail-diary-subject = Myo: your diary is waiting
mail-diary-body = Your last diary entry was on { $date }. A few words or a rating today keeps your record complete; days without an entry are shown as gaps, never as normal.

## Calendar feed (in the account's language)

cal-name = Myo: medicines and tests
cal-weekly = weekly, on { $day }
cal-every-n-weeks = every { $n } weeks
cal-taper-step = taper step { $step }
cal-not-prescribing = As recorded in your Myo tracker. Myo does not prescribe: follow your prescriber's instructions, and ask them if anything changes.
cal-test-due = Test due: { $test } ({ $medicine })
cal-from-verified = From: { $source } (interval verified against the source; rules of { $date }).
cal-from-unverified = From: { $source } (interval not yet verified against the source; rules of { $date }).
fhir-title = Import from a hospital portal (FHIR)
reminder-kind-monitoring_due = a monitoring test for my medicines is due soon or overdue
reminder-kind-missed_diary = I have not written in my diary for a few days
