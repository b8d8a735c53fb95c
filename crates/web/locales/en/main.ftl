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
refused-title = Too many attempts
refused-signin = There were too many failed attempts to sign in from your network.
refused-signup = Too many new accounts were made from your network.
refused-wait-seconds = { $count ->
    [one] Please wait { $count } second and try again.
   *[other] Please wait { $count } seconds and try again.
}
refused-wait-minutes = { $count ->
    [one] Please wait { $count } minute and try again.
   *[other] Please wait { $count } minutes and try again.
}
refused-back-signin = Back to sign in
refused-back-signup = Back to create an account

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
