# discussion
# The reader's pages: the front page, an article and its discussion, a comment and its
# history, reporting a comment, a reader's profile, the inbox and the unsubscribe page.
# Names, headlines and quotes are isolated by the templates' markup (`<bdi>`, `dir="auto"`).

## Shared by the discussion's pages

# Around a headline or a quoted word inside a sentence.
discussion-quote-open = “
discussion-quote-close = ”
discussion-moderator-label = Moderator:

## front.html

front-feed-title = { $site }: latest articles
front-older-articles = Older articles
front-atom-feed = Latest articles as an Atom feed
front-empty = No articles yet.
# Followed by a link, `front-empty-admin-pages`, then `front-empty-or-demo` and `--demo`.
front-empty-publish = An administrator can publish one from the
front-empty-admin-pages = admin pages
front-empty-or-demo = , or start Tribune with

## article.html: the article

article-tags = Tags
# Followed by the date.
article-updated = Updated
article-read-on = Read the article on { $site }
article-quoted-in = { $count ->
    [one] Quoted in { $count } comment
   *[other] Quoted in { $count } comments
}
article-quoting-comment = Comment { $number }
article-source = Source: { $source }

## article.html: the discussion

discussion-comments-feed = Comments feed
discussion-open-on-site = Open the discussion on { $site }
discussion-controls = Discussion layout and order
discussion-show = Show:
discussion-view-flat = in order
discussion-view-threaded = as threads
discussion-sort = Sort:
discussion-sort-oldest = oldest first
discussion-sort-newest = newest first
discussion-sort-liked = most liked
discussion-featured = Featured by the moderators
discussion-first-comments = Back to the first comments
discussion-replies = { $count ->
    [one] { $count } reply
   *[other] { $count } replies
}
discussion-show-all-replies = Show all replies ({ $count } more)
discussion-empty = No comments yet. Start the discussion.
discussion-more-comments = More comments

## article.html: the comment form

comment-form-heading = Join the discussion
comment-form-pre-moderated = Comments on this article are read by a moderator before they appear.
# Followed by the name of the reader replied to, as a link, then `comment-form-cancel-reply`.
comment-form-replying-to = Replying to
comment-form-cancel-reply = cancel
comment-form-label = Your comment, as { $name }
comment-form-your-comment = Your comment
comment-form-what-looks-wrong = What looks wrong:
comment-form-acknowledge = Post it as it is: a moderator will read it before it appears
comment-form-hint = Up to { $max } characters. You can use *emphasis*, **bold**, > quotations, lists and links; quote the article word for word in quotation marks and it is marked as a verified quote; write @name to mention another reader.
# `comment-form-rules-before` [link: `comment-form-rules-link`]`comment-form-rules-after`
comment-form-rules-before = Please follow the
comment-form-rules-link = house rules
comment-form-rules-after = .
comment-form-submit = Post comment
comment-form-not-posted = Your comment was not posted. Here is what you wrote, so that nothing is lost:
# In the embedded discussion: [link: `comment-form-frame-sign-in`] `comment-form-to-join`
comment-form-frame-sign-in = Sign in or sign up
# [link: `comment-form-log-in`] `comment-form-or` [link: `comment-form-sign-up`] `comment-form-to-join`
comment-form-log-in = Log in
comment-form-or = or
comment-form-sign-up = sign up
comment-form-to-join = to join the discussion.

## comment.html: one comment

comment-guest = guest
comment-edited = edited
comment-edited-at = Edited { $date }
# Followed by the name of the reader replied to.
comment-in-reply-to = in reply to
comment-featured = Featured
comment-held-for-review = Awaiting moderation: held for review.
comment-held-only-you = Awaiting moderation: only you can see this comment for now.
comment-rejected = Not published. Only you can see it.
comment-rejected-because = Not published: { $reason }. Only you can see it.
comment-deleted = Comment deleted.
# Followed by links to the paragraphs, `comment-quoted-paragraph`.
comment-verified-quotes = Quotes the article word for word:
comment-quoted-paragraph = paragraph { $number }
comment-likes = { $count ->
    [one] { $count } like
   *[other] { $count } likes
}
# The buttons and links under a comment. For screen readers `comment-action-target` and the
# author's name follow (“Report comment by Kestrel”), or `comment-reply-target` and the name.
comment-action-like = Like
comment-action-liked = Liked
comment-action-reply = Reply
comment-action-edit = Edit
comment-action-history = History
comment-action-report = Report
comment-action-moderate = Moderate
comment-action-delete = Delete
comment-action-target = comment by
comment-reply-target = to

## comment_edit.html

comment-edit-title = Edit your comment
# Followed by the article's headline, as a link.
comment-edit-on = On
comment-edit-window = { $minutes ->
    [one] Comments can be edited for { $minutes } minute after posting; an “edited” mark shows that you changed it.
   *[other] Comments can be edited for { $minutes } minutes after posting; an “edited” mark shows that you changed it.
}
comment-edit-save = Save changes
comment-edit-cancel = Cancel

## comment_history.html

comment-history-title = History of a comment
# Followed by the author's name.
comment-history-heading = History of a comment by
comment-history-in-discussion = The comment in its discussion
comment-history-now = Now
comment-history-now-deleted = Now (deleted by its author)
comment-history-earlier = Earlier versions
# “Written <date>, replaced <date>”
comment-history-written = Written
comment-history-replaced = replaced
comment-history-never-edited = Never edited.

## report.html

report-form-title = Report a comment
# Followed by the author's name.
report-form-heading = Report a comment by
report-form-back = Back to the discussion
report-form-what-is-wrong = What is wrong with it?
report-form-details = Details (required for illegal content)
report-form-send = Send the report

## profile.html

reader-profile-role-moderator = moderator
reader-profile-role-admin = admin
# Followed by the date.
reader-profile-joined = Joined
reader-profile-latest-comments = Latest comments
# Followed by the article's headline, as a link.
reader-profile-comment-on = On
reader-profile-no-comments = No comments yet.

## rules.html

rules-page-title = House rules

## notifications.html: the inbox

inbox-title = Notifications
inbox-unread = { $count } unread
inbox-mark-all-read = Mark all read
inbox-new = New
# “Kestrel replied to your comment on “Headline””
inbox-on = on
inbox-comment-removed = That comment has been removed.
inbox-reason = Reason: { $note }
inbox-moderator-note = Moderator's note: { $note }
inbox-older = Older notifications
inbox-newest = Newest notifications
inbox-no-older = No older notifications.
inbox-empty = No notifications yet. Replies to your comments, mentions of you and moderators' decisions on your comments will appear here.
# Followed by how the reader hears by email (or `inbox-no-email`), then a link, `inbox-change-email`.
inbox-email = Email:
inbox-no-email = this site sends no email
inbox-change-email = Change it on your account page

## unsubscribe.html

unsubscribe-title = Notification emails
unsubscribe-done = Done: you will get no more emails about notifications from { $site }.
# `unsubscribe-still-listed` [link: `unsubscribe-notifications-link`]. `unsubscribe-turn-emails-on` [link: `unsubscribe-account-link`].
unsubscribe-still-listed = Replies, mentions and moderators' decisions still appear in your
unsubscribe-notifications-link = notifications
unsubscribe-turn-emails-on = You can turn the emails back on from
unsubscribe-account-link = your account
unsubscribe-already = You already get no emails about notifications.
unsubscribe-turn-them-on = You can turn them back on from
unsubscribe-confirm = Stop the emails { $site } sends you about replies, mentions and moderators' decisions? You will still find them in your notifications on the site.
unsubscribe-stop = Stop these emails

## error.html

error-page-front-page = Go to the front page
