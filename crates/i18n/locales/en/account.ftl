# account
# Reader account pages: sign up, log in, passwords, the account page and the
# news site's sign-in window.

## signup.html

signup-title = Sign up
signup-intro = An account lets you comment and reply. Your display name is public; your email address is not.
signup-proof-of-work-needs-script = Signing up here needs JavaScript: your browser solves a small puzzle that keeps out automated sign-ups.
signup-display-name = Display name
signup-display-name-hint = Up to 40 characters. Shown with your comments.
signup-email = Email address
signup-password = Password
signup-password-hint = At least 10 characters. A short sentence works well.
signup-submit = Create account
# Followed by a link, signup-log-in, then a full stop.
signup-have-account = Already have an account?
signup-log-in = Log in

## login.html

login-title = Log in
login-email = Email address
login-password = Password
login-submit = Log in
login-forgot-password = Forgot your password?
# Followed by a link, login-sign-up, then a full stop.
login-new-here = New here?
login-sign-up = Sign up

## password_reset.html

password-reset-title = Forgot your password?
password-reset-sent = If an account uses { $email }, we have sent it a link to choose a new password. The link works once, for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Nothing arrived? Check your spam folder, or ask again in a few minutes.
password-reset-back-to-login = Back to log in
password-reset-no-email = This site does not send email, so a password cannot be reset by email. Ask the site's administrators for help.
password-reset-intro = Enter the email address of your account and we will send you a link to choose a new password.
password-reset-email = Email address
password-reset-submit = Send the link

## password_new.html

password-new-title = Choose a new password
password-new-intro = For the account of { $email }. Saving it logs this account out everywhere; then log in with the new password.
password-new-password = New password
password-new-password-hint = At least 10 characters. A short sentence works well.
password-new-submit = Save the new password

## embed_sign_in.html: the window a news site's page opens to sign in to its discussion.
## The reader's display name is shown between the parts of a sentence.

embed-sign-in-title = Sign in to the discussion
embed-sign-in-heading = Join the discussion
# Followed by the display name, then embed-sign-in-done-end.
embed-sign-in-done-start = You are signed in to the discussion as
embed-sign-in-done-end = . You can close this window and return to the article.
# Followed by the display name, then embed-sign-in-confirm-middle, the display name again
# and embed-sign-in-confirm-end.
embed-sign-in-confirm-start = You are signed in to { $site } as
embed-sign-in-confirm-middle = . Continue to comment as
embed-sign-in-confirm-end = in the discussion on the page you came from?
# A button; `name` is the reader's display name.
embed-sign-in-continue-as = Continue as { $name }
# Followed by a link, embed-sign-in-other-account, then a full stop.
embed-sign-in-not-you = Not you?
embed-sign-in-other-account = Log in with another account

## account.html

account-title = Your account
account-display-name = Display name
account-email = Email address
account-email-verified = verified
account-email-not-verified = not verified
account-verify-prompt = To confirm your address, open the link we sent to it. Nothing arrived, or the link expired?
account-verify-prompt-required = To confirm your address, open the link we sent to it; you can post once it is confirmed. Nothing arrived, or the link expired?
account-verify-resend = Send me a new link
account-email-disabled-hint = This site does not send email, so addresses are not verified.

account-notifications-heading = Notification emails
# Followed by a link, account-notifications-intro-link, then a full stop.
account-notifications-intro = Replies to your comments, mentions of you and moderators' decisions on your comments are in your
account-notifications-intro-link = notifications
account-notifications-no-email = This site sends no email.
account-notifications-once-verified = They are emailed once your address is verified.
account-notifications-legend = Email me about them
account-notifications-save = Save

account-feed-heading = Private feed of replies and mentions
account-feed-hint = An Atom feed, for your feed reader, of replies to your comments and of comments that mention you. Its address is secret: anyone who has it can read the feed, so do not share it.
account-feed-shown-once = Here is your private feed address. Copy it into your feed reader now: it is shown only this once. Any address you made before no longer works.
account-feed-address = Private feed address
# Followed by the date the address was made, then account-feed-made-end.
account-feed-made-start = You made a private feed address on
account-feed-made-end = . It is not shown again; if you lost it, make a new one.
account-feed-none = You have no private feed address.
account-feed-renew = Make a new address (the current one stops working)
account-feed-create = Make a private feed address
account-feed-revoke = Turn the private feed off

account-claim-heading = Comments you wrote before you had an account
account-claim-intro = These were written under your email address, as a guest or on the site's earlier comment system:
# `name` is the name the comments were signed with.
account-claim-count = { $count ->
        [one] { $count } comment as { $name }
       *[other] { $count } comments as { $name }
    }
account-claim-submit = Make them mine

account-data-heading = Your data
account-data-download = Download everything stored about you
account-data-contents = (JSON: your account, every comment you wrote with its earlier versions, your likes, reports and notifications).

account-delete-heading = Delete your account
account-delete-what = Your account, likes, reports and notifications are deleted.
account-delete-comments-removed = The text of your comments is removed; replies to them stay readable.
account-delete-comments-kept = Your comments stay in their discussions, signed “Former reader”, and are no longer linked to you.
account-delete-final = This cannot be undone.
account-delete-password = Your password
account-delete-password-hint = Accounts made by a news site's sign-in have no password: leave it empty.
account-delete-confirm = I want my account deleted
account-delete-submit = Delete my account
