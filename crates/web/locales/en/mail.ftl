# E-mails and the calendar feed, in the recipient's account language.

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
trial-mail-subject = { $count ->
    [one] Myo: 1 new study for your search "{ $name }"
   *[other] Myo: { $count } new studies for your search "{ $name }"
}
trial-mail-intro = { $count ->
    [one] 1 new study on ClinicalTrials.gov matches your saved search "{ $name }" in Myo's clinical-trial finder:
   *[other] { $count } new studies on ClinicalTrials.gov match your saved search "{ $name }" in Myo's clinical-trial finder:
}
trial-mail-disclaimer = Myo lists studies from the ClinicalTrials.gov registry. It does not judge whether you can join a study: only the study team can say. Your care team can help you think it over. Myo informs; it does not diagnose or prescribe.
trial-mail-all = All results for this search: { $link }
trial-mail-why = You get this e-mail because you ticked "E-mail me new studies" for this saved search; each study is e-mailed once. To stop these e-mails, sign in at { $link } and untick "E-mail me new studies" beside "{ $name }" under Saved searches, or delete the search.
