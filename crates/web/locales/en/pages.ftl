# Account, calculators, Ask, knowledge base, organisations, hand-over, care circle, community,
# trials and admin pages.

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

calcs-intro = Published clinical instruments, computed exactly as the papers describe, with every item explained. They are for people who already have the measurements from a clinician. Nothing you enter is stored.
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
import-head-added = { $count } record(s) were added
import-head-will-add = these { $count } record(s) will be added
import-head-refused = these { $count } were refused because { $why }
import-head-duplicates = { $count } are already in your records
