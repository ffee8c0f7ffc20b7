# moderation
# The moderators' pages (moderation/*.html) and the administrators' pages (admin/*.html).

## Names of the values moderators see (a comment's status, an account's role, an
## article's comment policy).

moderation-status-published = published
moderation-status-held = held
moderation-status-rejected = rejected
moderation-role-reader = reader
moderation-role-moderator = moderator
moderation-role-admin = admin
admin-policy-open = open
admin-policy-post-moderated = post-moderated
admin-policy-pre-moderated = pre-moderated
admin-policy-pre-moderate-untrusted = pre-moderate-untrusted
admin-policy-closed = closed

## Shared by the moderation pages

moderation-title = Moderation
moderation-back-to-queues = Back to the queues
# Followed by when the account was made.
moderation-joined = joined { $date }
# Written between a label and what follows it ("Moderator: …").
moderation-colon = :

## moderation/entry.html: one comment in a queue

# Between the author's name and the article's headline.
moderation-entry-on = on
moderation-entry-featured = featured
moderation-entry-deleted = deleted
moderation-entry-risk-explained = Risk from the automatic assessment
moderation-entry-risk = risk { $risk }%
moderation-entry-risk-meter = Risk { $risk } percent
moderation-entry-assessment = assessment: { $decision }
moderation-entry-moderator-note = Moderator:
moderation-entry-rejected = Rejected:
moderation-entry-reasons = Why the assessment flagged it
moderation-entry-reports = Reports from readers
# Followed by the name of the reader who reported the comment.
moderation-entry-report-from = from
moderation-entry-approve = Approve
# Followed by the author's name; read after "Approve" by screen readers.
moderation-entry-comment-by = comment by
# Followed by the author's name.
moderation-entry-reject-reason-label = Reason for rejecting, shown to
moderation-entry-reject-reason-placeholder = Reason the author sees
moderation-entry-reject-reason-default = Breaks the house rules
moderation-entry-reject = Reject
moderation-entry-feature = Feature
moderation-entry-unfeature = Unfeature
moderation-entry-dismiss-reports = Dismiss reports
moderation-entry-details = Details, edit, note
moderation-entry-scores = Scores

## moderation/queue.html

moderation-queues = Queues
moderation-queue-held = Held ({ $count })
moderation-queue-reported = Reported ({ $count })
moderation-queue-recent = Recently published
moderation-queue-rejected = Rejected
moderation-queue-search = Search
moderation-queue-audit-log = Audit log
moderation-filter-article = Article (slug)
moderation-filter-author = Author (account no.)
moderation-filter-reason = Reason
moderation-filter-submit = Filter
moderation-shortcuts = Keyboard:
moderation-shortcut-next-previous = next/previous
moderation-shortcut-approve = approve
moderation-shortcut-reject = reject (type the reason, Enter)
moderation-shortcut-feature = feature
moderation-shortcut-dismiss = dismiss reports
moderation-shortcut-open = open
moderation-queue-empty = Nothing here.
moderation-queue-held-empty = No comment is waiting for a moderator.

## moderation/search.html

moderation-search-title = Search comments
moderation-search-words = Words in the comment (all of them)
moderation-search-submit = Search
moderation-search-count = { $count ->
        [one] { $count } comment, newest first.
       *[other] { $count } comments, newest first.
    }
moderation-search-none = No comment holds all of those words.

## moderation/comment.html

moderation-comment-title = Comment { $id }
# Followed by the author's name.
moderation-comment-heading = Comment by
moderation-comment-history = History
moderation-edit-heading = Edit with a public note
moderation-edit-text = Text
moderation-edit-note = Note shown with the comment (what you changed and why)
moderation-edit-note-placeholder = Edited to remove a personal attack
moderation-edit-submit = Save edit
moderation-note-heading = Public note
moderation-note-label = Note shown under the comment (empty removes it)
moderation-note-placeholder = Please stay on topic
moderation-note-submit = Save note
moderation-author-heading = The author
moderation-author-trusted = trusted
moderation-discussion-heading = The discussion
moderation-discussion-note = Note above the whole discussion (empty removes it)
moderation-discussion-note-placeholder = Moderator: please stay on topic
moderation-discussion-note-submit = Save discussion note
moderation-discussion-close = Close the discussion
moderation-discussion-reopen = Reopen it

## moderation/user.html

moderation-user-public-profile = Public profile
moderation-user-trusted = trusted: skips pre-moderation
moderation-user-standing = Standing
moderation-user-unban = Lift the ban
moderation-user-ban-days = Days (empty: permanent)
moderation-user-ban-reason = Reason, shown to them
moderation-user-ban-remove-comments = Also remove all their comments
moderation-user-ban = Ban
moderation-user-distrust = Take trust back
moderation-user-trust = Trust (skip pre-moderation)
moderation-user-comments = Comments
moderation-user-no-comments = No comments.

## admin/index.html

admin-title = Admin
admin-heading = Administration
admin-articles = Articles
admin-articles-count = { $count } published
admin-accounts = Accounts
admin-accounts-count = { $count ->
        [one] { $count } account
       *[other] { $count } accounts
    }
admin-newsroom-feeds = Newsroom feeds
admin-newsroom-feeds-summary = a discussion for each new article
admin-import-comments = Import comments
admin-import-comments-summary = from Disqus, WordPress, Commento or Remark42
admin-comments = Comments
admin-comments-count = { $count } stored
# Followed by a command, then admin-api-see and a link, admin-api-document, then a full stop.
admin-api-intro = Newsroom systems publish through the API with a token made by
admin-api-see = ; see
admin-api-document = the OpenAPI document

## admin/articles.html

admin-articles-new = New article
admin-articles-headline = Headline
admin-articles-published = Published
admin-articles-comments = Comments
admin-articles-policy = Policy
admin-actions = Actions
admin-articles-edit = Edit
admin-articles-older = Older articles
admin-articles-none = No articles yet.

## admin/article_form.html

admin-article-edit-title = Edit article
admin-article-edit-heading = Edit “{ $headline }”
admin-article-headline = Headline
admin-article-slug = Slug
admin-article-slug-hint = Lowercase letters, digits and hyphens; made from the headline when empty.
admin-article-lead = Lead
admin-article-body = Body
admin-article-body-hint = Markdown; one paragraph per blank-line-separated block.
admin-article-byline = Byline
admin-article-byline-hint = For example: By Idris Pelham
admin-article-dateline = Dateline
admin-article-dateline-hint = For example: LOWER BRENNICK
admin-article-credit = Credit line
admin-article-credit-hint = For example: X reported from Y. Z in W contributed.
admin-article-source = Source (syndicated copy)
admin-article-rights = Rights notice (syndicated copy)
admin-article-tags = Tags
admin-article-tags-hint = Separated by commas.
admin-article-canonical-url = Canonical URL
admin-article-published-at = Published at
admin-article-published-at-hint = RFC 3339, for example 2026-11-24T07:30:00Z; now when empty.
admin-article-comment-policy = Comments
admin-article-closes-at = Comments close at
admin-article-closes-at-hint = RFC 3339; leave empty to keep the discussion open.
admin-article-save = Save changes
admin-article-publish = Publish

## admin/audit.html

admin-audit-title = Audit log
admin-audit-intro = Every action of moderators and administrators, newest first.
admin-audit-when = When
admin-audit-who = Who
admin-audit-action = Action
admin-audit-target = Target
admin-audit-reason = Reason
admin-audit-before = Before
admin-audit-after = After
admin-audit-empty = Nothing yet.
admin-audit-older = Older entries

## admin/imports.html

admin-imports-title = Import comments
# Followed by a file name (comments.db), admin-imports-intro-command, a command, then
# admin-imports-intro-end.
admin-imports-intro = Bring the discussions of another comment system here: each thread becomes the discussion of the article at its address, replies stay threaded, and held, spam and deleted comments keep their state. A file that cannot be read imports nothing; importing the same file again changes nothing. Files up to { $mib } MiB; larger ones, and Isso's
admin-imports-intro-command = , with
admin-imports-intro-end = on the server.
admin-imports-summary = Imported { $comments ->
        [one] { $comments } comment
       *[other] { $comments } comments
    } ({ $held } held, { $rejected } rejected as spam, { $deleted } deleted) into { $opened } new and { $found } existing discussions.
admin-imports-unchanged = { $count } records were imported before and left as they are.
admin-imports-orphans = { $count } replies whose parent the file does not hold were made top-level.
admin-imports-skipped = Skipped:
admin-imports-format = Format
admin-imports-file = Export file
admin-imports-base-url = Site address (optional)
admin-imports-base-url-hint = For threads given as paths, such as https://news.example.
admin-imports-submit = Import

## admin/newsroom_feeds.html

admin-feeds-title = Newsroom feeds
admin-feeds-intro = Tribune reads these RSS or Atom feeds of your site every { $minutes } minutes and opens a discussion for each new article: its headline, lead, byline, link, time and rights come from the feed, and the article itself stays on your site. Only the feed's own address is ever fetched.
admin-feeds-url = Feed address
admin-feeds-url-hint = For example https://news.example/rss.xml. It is read once now; a feed that cannot be read is not added.
admin-feeds-follow = Follow this feed
admin-feeds-followed = Followed feeds
admin-feeds-feed = Feed
admin-feeds-status = Status
admin-feeds-discussions = Discussions
# Followed by the date the feed was added.
admin-feeds-added = Added
admin-feeds-failing = Failing
admin-feeds-failures = ({ $count ->
        [one] { $count } time
       *[other] { $count } times
    } in a row):
admin-feeds-ok = OK
admin-feeds-last-polled = Last polled:
admin-feeds-last-success = Last success:
admin-feeds-never = never
admin-feeds-next-poll = Next poll:
admin-feeds-opened = { $count } opened
admin-feeds-skipped = { $count } items skipped; the last: { $last }
admin-feeds-poll-now = Poll now
admin-feeds-stop = Stop following
# Followed by a command, then a full stop.
admin-feeds-none = No feeds yet. Add your site's feed above, or on the command line with

## admin/users.html

admin-users-title = Accounts
admin-users-name = Name
admin-users-email = Email
admin-users-joined = Joined
admin-users-role = Role
# Followed by the account's display name.
admin-users-role-of = Role of
admin-users-change = Change
# Followed by the account's display name; read after "Change" by screen readers.
admin-users-change-role-of = role of
admin-users-more = More accounts
