# errors

error-page-title = Error
error-unexpected = Something went wrong on our side. Please try again in a moment.
error-unknown-language = Tribune does not speak that language yet. Choose one from the menu at the foot of the page.

## Error pages: titles

error-title-not-found = Page not found
error-title-unauthorized = Please log in
error-title-forbidden = Not allowed
error-title-too-large = Too large
error-title-rate-limited = Please slow down
error-title-gone = This link no longer works
error-title-server = Something went wrong
error-title-other = That did not work

## Requests the server could not read

error-cross-site-request = This request came from another site, so it was refused to protect your account. Go back to the page on this site and try again.
# $kib: the size accepted, in KiB
error-payload-too-large = What you sent is larger than the { $kib } KiB this site accepts. Shorten it and try again.
error-json-content-type = Send the request body as JSON, with `Content-Type: application/json`.
# $detail: the parser's explanation, in English
error-malformed-json = The request body is not valid JSON: { $detail }
error-wrong-shape = The JSON does not have the expected fields and types: { $detail }
error-body-too-large = The request body is too large: { $detail }
error-bad-query = The query string is not valid: { $detail }
error-bad-form = The form could not be read: { $detail }

## Not found

not-found-account = There is no such account. It may have been removed, or the address may be mistyped.
not-found-action = There is no such action. It may have been removed, or the address may be mistyped.
not-found-article = There is no such article. It may have been removed, or the address may be mistyped.
not-found-comment = There is no such comment. It may have been removed, or the address may be mistyped.
not-found-feed = There is no such feed. It may have been removed, or the address may be mistyped.
not-found-notification = There is no such notification. It may have been removed, or the address may be mistyped.
not-found-page = There is no such page. It may have been removed, or the address may be mistyped.
not-found-reader = There is no such reader. It may have been removed, or the address may be mistyped.
not-found-user = There is no such user. It may have been removed, or the address may be mistyped.
not-found-unsubscribe-link = There is no such unsubscribe link. It may have been removed, or the address may be mistyped.
not-found-other = There is no such { $what }. It may have been removed, or the address may be mistyped.

## Accounts and sessions

error-unauthenticated = You need to log in to do that.
error-session-expired = Your session has expired. Please log in again; what you wrote is kept below.
error-bad-credentials = The email address or password is not right.
# $email: the reader's address
error-email-not-verified = Please confirm your email address before you post: open the link we sent to { $email }. Nothing arrived? Ask for a new link on your account page (/account).
error-likely-abusive = This comment looks likely to break the house rules, so it would wait for a moderator. You can revise it, or post it as it is.
error-comments-closed = Comments on this article are closed.
error-discussion-closed = The discussion of this article has closed; new comments are no longer accepted.
banned = Your account is banned from taking part.
# $until: a date and time such as 2026-12-01 10:00
suspended = Your account is suspended until { $until } UTC.
# $sentence: banned or suspended; $reason: the moderator's words
banned-reason = { $sentence } Reason: { $reason }

## Already taken

taken-email = That email is already taken.
taken-display-name = That display name is already taken.
taken-slug = That slug is already taken.
taken-url = That url is already taken.
taken-subject = That subject is already taken.
taken-feed = This feed is already followed.
taken-feed-polling = This feed is being polled right now; look again in a moment.

## Rate limits

# $what: what happened; $wait: how long to wait
rate-limited = { $what } Please wait { $wait } before trying again.
rate-limited-comments = You are posting comments faster than this site allows.
rate-limited-sign-ups = Too many accounts were created from your network.
rate-limited-log-ins = Too many log-in attempts.
rate-limited-reports = You have sent many reports in a short time.
rate-limited-resets = Too many password resets were asked for from your network.
rate-limited-mail = Several emails were sent to this address already.
wait-seconds = { $count ->
    [one] a second
   *[other] { $count } seconds
}
wait-minutes = { $count } minutes

## Not allowed

forbidden-deleted-comment-edit = A deleted comment cannot be edited.
forbidden-report-own-comment = You cannot report your own comment.
forbidden-react-own-comment = You cannot react to your own comment.
forbidden-moderate-own-account = You cannot moderate your own account.
forbidden-edit-others-comment = You can only edit your own comments.
forbidden-delete-others-comment = You can only delete your own comments.
forbidden-already-deleted = This comment has been deleted already.
forbidden-moderators-only = Only moderators can do that.
forbidden-admins-import = Only administrators can import comments.
forbidden-admins-only = Only administrators can do that.
forbidden-deleted-comment-react = A deleted comment cannot take reactions.
forbidden-own-role = You cannot change your own role; ask another administrator.
forbidden-guest-edit = You can edit or delete a comment only from the browser that posted it, within the edit window.
forbidden-verify-first = Verify your email address first: the link we send proves the comments are yours.
forbidden-signed-in-only = This site takes comments only from signed-in readers: log in to Tribune to take part.
forbidden-origin-not-allowed = This address is not on a site this Tribune serves: its operator lists the sites whose pages may have discussions in embed.allowed_origins.
forbidden-edit-window-passed = The time for editing this comment has passed. You can post a new comment instead.
forbidden-token-not-valid = That API token is not valid, or has been revoked.
forbidden-history-moderators-only = Only moderators can see the history of a comment.
forbidden-feeds-admins-only = Only administrators can manage newsroom feeds.
forbidden-publish-editors-only = Only administrators and newsroom editors can publish articles.
forbidden-feature-unpublished = Only a published comment can be featured; approve it first.
forbidden-no-origins = No site may show discussions yet: the operator lists them in embed.allowed_origins.
forbidden-ban-staff = Moderators and administrators cannot be banned or marked trusted; an administrator can change their role first.
forbidden-delete-admin = An administrator's account cannot be deleted here: make someone else an administrator, and ask them to make you a reader first.

## Email, links and newsroom sign-in

email-disabled-verification = This site does not send email, so email addresses cannot be verified here.
email-disabled-reset = This site does not send email, so a password cannot be reset by email. Ask the site's administrators for help.
link-not-valid-verification = This verification link has expired or was already used. If your address is not verified yet, log in and ask for a new link on your account page.
link-not-valid-reset = This password-reset link has expired or was already used. Ask for a new one on the “Forgot your password?” page.
link-not-valid-sign-in = This sign-in was used already or took too long. Please sign in again.
sso-token-incomplete = The news site's sign-in token lacks sub, name, email or exp.
sso-token-not-valid = The news site's sign-in token is not valid.
sso-token-wrong-signature = The news site's sign-in token has a wrong signature.
sso-no-email = The news site's sign-in names no usable email address.
sso-no-display-name = The news site's sign-in names no usable display name.
sso-disabled = This site does not accept single sign-on from newsroom sites.
sso-token-algorithm = The news site's sign-in token must be signed with HS256.
sso-expired = The news site's sign-in has expired: reload the page.
sso-no-free-name = No free display name was found for this reader; try again.
sso-token-lifetime = The news site's sign-in token must be short-lived (an hour at most) and issued now.
sso-email-taken = A Tribune account already uses this email address. Sign in with it instead (Sign in, in the discussion).

## Validation: general sentences about a field
## $label: the field's name, from the label- messages below; $count: characters given; $limit: the maximum

invalid-required = { $label } is required.
invalid-characters = { $label } contains control or invisible characters; please remove them.
invalid-control-characters = { $label } contains control characters; please remove them.
invalid-too-long = { $label } is { $count } characters long; the limit is { $limit }.
label-headline = A headline
label-tag = A tag
label-byline = The byline
label-dateline = The dateline
label-source = The source
label-lead = The lead
label-article-body = The body
label-credit = The credit line
label-rights = The rights notice
label-display-name = A display name
label-email = An email address
label-token-name = A token name
label-reason = The reason
label-moderator-note = The moderator's note
label-note = The note

## Validation: sentences with numbers
## $count: characters given; $limit: the bound; $over (text) and $overCount (number): the excess; $detail: the English sentence

invalid-comment-too-long = Your comment is { $count } characters long; the limit is { $limit }. Shorten it by { $overCount ->
    [one] 1 character
   *[other] { $over } characters
}.
invalid-slug = A slug is 1 to { $limit } lowercase letters, digits and single hyphens, such as `harbour-bridge-closure`.
invalid-too-many-tags = An article takes at most { $limit } tags.
invalid-report-details-too-long = The details are { $count } characters long; the limit is { $limit }.
invalid-password-too-short = Choose a password of at least { $limit } characters.
invalid-password-too-long = Passwords are limited to { $limit } characters.
invalid-embed-too-many-urls = { $detail }
invalid-feed-unreadable = { $detail }
invalid-isso-no-title = { $detail }
invalid-unreadable-import = { $detail }
invalid-import-too-large = { $detail }

## Validation: fixed sentences

invalid-suspension-days-number = Give the number of days of the suspension, or leave it empty for a permanent ban.
invalid-rfc3339-time = Write the time as RFC 3339, for example 2026-11-24T07:30:00Z.
invalid-unknown-status = The status must be published, held, rejected or all.
invalid-proof-of-work-required = This form needs your browser to solve a small puzzle first, which keeps out automated abuse: it needs JavaScript. Reload the page and send it again.
invalid-proof-of-work = The puzzle's answer is not valid: send the form again.
invalid-proof-of-work-expired = The puzzle expired before the form was sent: send it again.
invalid-proof-of-work-used = That puzzle was answered already: send the form again for a new one.
invalid-email-unknown-preference = Choose immediately, daily or never.
invalid-comment-empty = Your comment is empty. Write something before posting.
invalid-comment-nul = Your comment contains a NUL character; please remove it.
invalid-unknown-sort = The sort must be oldest, newest or liked.
invalid-unknown-view = The view must be flat or threaded.
invalid-unknown-policy = The comment policy must be open, post-moderated, pre-moderated, pre-moderate-untrusted or closed.
invalid-closes-before-publication = The closing time must come after the publication time.
invalid-address-empty = An address is required.
invalid-address = The address must be a full web address starting with https:// or http://.
invalid-address-credentials = The address must not contain a user name or password.
invalid-unknown-report-reason = Choose why you report this comment: spam, abuse, off_topic or illegal.
invalid-report-details-empty = Say what is illegal in this comment and why, so moderators can act on it.
invalid-unknown-role = The role must be reader, moderator or admin.
invalid-display-name-no-letters = A display name needs at least one letter or digit.
invalid-email = Enter an email address such as name@example.org.
invalid-password-too-common = That password is too easy to guess. Try a short sentence or several unrelated words.
invalid-embed-title-empty = The page must give its headline (data-title) so that its discussion can open.
invalid-feed-not-modified = The address answered 304 Not Modified to a plain request; it is not a feed.
invalid-feed-url-empty = Give the address of the feed, such as https://news.example/rss.xml.
invalid-feed-url-too-long = That address is too long.
invalid-feed-url = The feed's address must be a full web address starting with https:// or http://.
invalid-feed-url-credentials = The feed's address must not contain a user name or password.
invalid-no-examples = There is nothing to learn from yet: moderators have decided on no comment, and no labelled file was given.
invalid-unknown-queue = The queue must be held, reported, recent, rejected or all.
invalid-suspension-days = A suspension lasts 1 to 3650 days; leave the days empty for a permanent ban.
invalid-search-too-long = Search for at most 200 characters.
invalid-wrong-password = That is not your password: your account is not deleted.
invalid-isso-uri = The thread's uri must be a path on the site, such as /news/story.
invalid-isso-author-empty = Please give your name.
invalid-isso-email-empty = Please give your email address.
invalid-isso-website = The website must be an address such as https://example.org.
invalid-unknown-import-format = Choose one of: disqus, wordpress, commento, remark42, isso.
invalid-isso-upload = An Isso database is imported on the server: tribune import isso comments.db.
invalid-import-file-empty = Choose an export file to import.
invalid-token-role = API tokens have the role editor.
invalid-cursor = That page cursor is not valid; start from the first page.
invalid-no-such-parent = The comment you are replying to does not exist.
invalid-parent-elsewhere = You can only reply to a comment under the same article.
invalid-parent-deleted = The comment you are replying to has been deleted; post your reply as a new comment.

## Assessment reasons, shown to authors and moderators
## $score: a model’s score as written (0.73), or a number of links; $percent: their share of the text; $domain: a blocked domain

reason-slur = Uses a slur against a group of people.
reason-threat = Threatens someone or wishes them harm.
reason-dehumanising = Describes people as vermin, animals or less than human.
reason-sexual-harassment = Sexually harasses or demeans someone.
reason-identity-attack = Attacks people for their religion, origin, sex or sexuality.
reason-insult = Insults the reader, another commenter or a named person.
reason-obscenity = Swears at someone.
reason-profanity = Contains swearing that is not aimed at anyone.
reason-profanity-disguised = Contains a severe offensive word in disguised spelling.
reason-profanity-general = Contains profanity.
reason-toxicity-model = The language model rates the wording as offensive ({ $score }).
reason-learned-model = The learned base model rates the comment as abusive ({ $score }).
reason-site-model = Moderators here rejected similar comments ({ $score }).
reason-link-spam = Contains { $score } links ({ $percent }% of the text).
reason-blocked-domain = Links to a blocked domain ({ $domain }).
reason-duplicate = The same text was posted recently.
reason-near-duplicate = Nearly the same text was posted recently.
reason-burst-account = Many comments from this account in the last 10 minutes.
reason-burst-address = Many comments from this address in the last 10 minutes.
reason-shouting = Written mostly in capital letters.
reason-repetition = Repeats a character or a word many times.
reason-new-account = New account with no approved comments.
reason-reported-account = Readers have reported this account several times.
reason-rejected-history = Most of this account's comments were rejected.
reason-trusted-account = Trusted account.

## Pages: notices and account

notice-email-verified-title = Email address verified
notice-email-verified = Thank you: { $email } is verified.
notice-go-to-account = Go to your account
notice-log-in = Log in
notice-password-changed-title = Password changed
notice-password-changed = Your new password is saved, and the account was logged out everywhere. Log in with the new password.
account-delete-not-confirmed = Tick the box to confirm that you want your account deleted.
notice-account-deleted-title = Your account is deleted
notice-account-deleted = Your account and what was stored about it are deleted. Thank you for taking part in the discussion.
notice-back-to-front-page = Back to the front page
account-link-sent = We sent a new link to { $email }. It works once.
account-comments-claimed = { $count ->
    [one] { $number } comment is now yours.
   *[other] { $number } comments are now yours.
}

## Pages: notifications, moderation, newsroom feeds

notifications-bad-page = That page of notifications does not exist; start from the newest.
notifications-saved-immediately = Saved: you will get an email for each notification.
notifications-saved-daily = Saved: you will get one email a day with your notifications.
notifications-saved-never = Saved: you will get no email about notifications.
notifications-email-immediately = Immediately: one email for each notification
notifications-email-daily = Daily: one digest a day of what arrived
notifications-email-never = Never: only here, on this page
notification-someone = Someone
notification-reply = { $actor } replied to your comment
notification-mention = { $actor } mentioned you
notification-approved = A moderator published your comment
notification-rejected = A moderator removed your comment
notification-edited = A moderator edited your comment
report-reason-spam = Spam or advertising
report-reason-abuse = Abuse, insults or harassment
report-reason-off-topic = Off topic
report-reason-illegal = Illegal content
report-reason-other = Other
moderation-bad-author-filter = The author filter must be an account number.
moderation-done-approved = Approved.
moderation-done-rejected = Rejected.
moderation-done-featured = Featured.
moderation-done-unfeatured = No longer featured.
moderation-done-note-saved = Note saved.
moderation-done-edited = Edited.
moderation-done-dismissed = Reports dismissed.
moderation-done-banned = Banned.
moderation-done-unbanned = Ban lifted.
moderation-done-trusted = Marked trusted.
moderation-done-distrusted = No longer trusted.
feeds-now-following = Now following { $feed }: { $items ->
    [one] { $itemsText } item
   *[other] { $itemsText } items
}, { $opened ->
    [one] { $openedText } discussion
   *[other] { $openedText } discussions
} opened.
feeds-poll-failed = Polling { $feed } failed: { $error }
feeds-unchanged = { $feed } has not changed since the last poll.
feeds-polled = Polled { $feed }: { $opened ->
    [one] { $openedText } discussion
   *[other] { $openedText } discussions
} opened.
feeds-removed = Stopped following the feed; the discussions it opened stay.

## API answers and operations

reset-link-on-its-way = If an account uses { $email }, a link to choose a new password is on its way.
verification-link-on-its-way = A new link is on its way to { $email }.
email-verified-already = { $email } is verified already.
report-thanks = Thank you. The moderators will look at this comment.
embed-bad-query = The query must be url=ADDRESS pairs.
live-bad-event-id = Last-Event-ID must be the number of an event this stream sent.
live-too-many-streams = This server is holding as many live discussions open as it can. The page still works; live updates will resume shortly.
import-not-multipart = Send the export as a file upload (multipart form): { $detail }
import-unreadable-upload = The upload could not be read: { $detail }
error-no-such-endpoint = There is no such API endpoint; see /api/v1/openapi.json.
error-timeout = The server took too long to answer. Please try again.

## Discussion

discussion-bad-comment-id = `{ $what }` must be the number of a comment.

## API clients

proof-of-work-bad-purpose = `purpose` must be signup or guest-comment.
api-token-required = Send an editor API token as `Authorization: Bearer TOKEN` (create one with `tribune token create --role editor --name NAME`).

## Validation: web addresses

invalid-address-too-long = An address may be at most { $limit } characters long.
