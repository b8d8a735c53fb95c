# The tracker's frame, dashboard, diary, visit summary, charts, monitoring and flare words.

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
summary-dose-caption = Dose history: the dose in force on every day of the range
summary-col-medicine = Medicine
summary-col-dose = Dose
summary-col-how = How taken
summary-taper-step = { $schedule } (taper step { $step } of { $steps })
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
# Notices after an action elsewhere (shown through `Layout::fixed`, by their English words).
notice-welcome = Welcome! Your account is ready.
notice-password = Your password has been changed. Other sessions were signed out.
notice-token-revoked = The token has been revoked.
notice-session-revoked = The session has been signed out.
notice-disabled = The account is disabled. It was signed out everywhere and its API tokens no longer work.
notice-enabled = The account can sign in again. Its old API tokens stay revoked.
notice-role = The role has been changed.
notice-unchanged = Nothing to change: the account was already like that.
notice-moderator-granted = The account can now moderate community posts.
notice-moderator-withdrawn = The account can no longer moderate community posts.
notice-queue-done = Done. The post has left the queue or been updated.
notice-post-published = Thank you. Your post is published below.
notice-post-held = Thank you. Your post is waiting for a moderator and only you can see it until then.
notice-post-reported = Thank you. A moderator will look at the post you reported.
notice-post-already-reported = You have already reported this post; a moderator will look at it.
notice-post-deleted = Your post is deleted.
notice-identifier = Your identifier for this patient was saved.
notice-shares-revoked = { $count ->
    [0] There was no active link.
    [one] Sharing ended: 1 link was revoked.
   *[other] Sharing ended: { $count } links were revoked.
}
notice-access-ready = Access for { $email } is ready ({ $access }). It starts when they sign in to Myo with that address, or create an account with it; you can take it back at any time.
notice-access-revoked = Access was revoked.
notice-data-deleted = Deleted { $count } stored items. Your account remains.
patients-overdue-line = { $test } for { $medicine }, due { $due }
