-- wrk script: POST load with a different, plausible, civil comment in every request.
--
--   wrk -t2 -c64 -d15s -s bench/lib/post.lua URL -- FORMAT [COOKIE_FILE]
--
-- FORMAT isso:    URL like http://127.0.0.1:PORT/new?uri=%2Fnews%2Fhot (the thread must exist:
--                 Isso answers 400 to the first comment of a thread it cannot fetch a title for);
--                 body {"text": ..., "author": ...}, Content-Type: application/json.
-- FORMAT tribune: URL like http://127.0.0.1:PORT/api/v1/articles/SLUG/comments;
--                 body {"body": ...}, Content-Type: application/json, and a Cookie header rotated
--                 per request over the lines of COOKIE_FILE (each line a whole name=value cookie).
--                 Each reader also comes from an address of their own, in X-Forwarded-For (line
--                 N of COOKIE_FILE from 10.a.b.c, a.b.c being N in base 256), as a site behind
--                 a reverse proxy sees its readers: the server must trust 127.0.0.1 as a proxy
--                 (Tribune's `http.trusted_proxies`). Otherwise every comment comes from one
--                 address, and the assessment rejects nearly all of them as a flood.
--
-- Each body is 200-600 characters about a fictional local story (the Harrow Road library moving
-- into the old tram depot in the town of Wrenford): a pseudo-random choice, number and order of
-- templated sentences with filled-in slots, plus one short detail (a house number, a time), so
-- that no two bodies are near duplicates. Seeds are per thread: POST_SEED (env) or the clock,
-- mixed with the thread number.
--
-- At the end one line: post-status 2xx=N 4xx=N 5xx=N  (summed over wrk's threads; other
-- statuses, if any, are added as other=N).

local threads = {}
local next_tid = 0

function setup(thread)
   next_tid = next_tid + 1
   thread:set("tid", next_tid)
   table.insert(threads, thread)
end

-- Sentences: {street}, {time}, {day}, {num}, {name}, {feel}, {who}, {place}, {month} are slots.
local sentences = {
   "So our Harrow Road library is finally moving into that old tram depot.",
   "I used its reading room on {street} every week for years, so my feelings are mixed.",
   "Depot floor space is far bigger, and councillors say children's books will get twice as much room.",
   "My worry is walking there: from {street} it takes twenty minutes, longer with a pushchair.",
   "Bus {num} does stop outside, but only twice an hour after six.",
   "On {day} evening an architect showed drawings that kept those lovely brick arches.",
   "Keeping tram rails visible under glass flooring is a nice touch, if it survives budget cuts.",
   "Who will look after our Wrenford Gazette archive, currently sitting in a basement?",
   "Volunteers from {who} have offered to help pack local history boxes.",
   "Councillor {surname} says doors open in {month}, which sounds optimistic to me.",
   "Parking came up at every consultation and I still have not heard any clear answer.",
   "That depot roof was repaired only three years ago, so at least its structure is sound.",
   "It would be sad if our old branch building were simply sold off to whoever bids highest.",
   "Could councillors keep a small book drop on Harrow Road for people who cannot travel?",
   "My {name} learned to read in that branch and still talks about story hour with Mrs {surname}.",
   "Library staff have been patient and helpful through all this uncertainty, and deserve thanks.",
   "I counted {num} people at Thursday's drop-in session, more than expected on such a wet afternoon.",
   "New plans put computers near its entrance, which should help anyone applying for jobs online.",
   "A quiet study floor upstairs would be welcome, since nowhere in our current branch allows concentration.",
   "Some shelving in our old branch dates from the 1950s and deserves keeping if movers can manage it.",
   "Opinion on having a café inside is divided, but somewhere to sit with hot drinks brings people in.",
   "Longer opening hours, please: closing at five on weekdays shuts out anyone working office hours.",
   "This depot sits right beside {place}, so parents could combine visits with other errands.",
   "There is talk of solar panels on its south-facing roof, which could cut running costs nicely.",
   "Accessibility was never good on Harrow Road, with those steep steps and no lift.",
   "Drawings show a lift tucked away at its back, and I would rather see one by its main door.",
   "As someone living on {street}, I feel {feel} about this whole project.",
   "Our consultation leaflet arrived on {day}, only days before comments closed.",
   "Honestly I would pay slightly more council tax if it kept libraries properly staffed.",
   "Moving thousands of books is no small job, so opening in phases seems sensible.",
   "Apparently that big depot clock is being restored, and seeing it working again would be nice.",
   "Later buses would make a real difference for students who study there in evenings.",
   "Bike racks in these drawings look far too few for such a large building.",
   "My neighbour {firstname} thinks this move is long overdue, and I am slowly coming round to her view.",
   "Has anyone asked reading groups what they need from meeting rooms?",
   "Publishing full cost breakdowns would help, not just one headline figure.",
   "Its yard could host a small second-hand book market on summer Saturdays.",
   "Walking past around {time}, I saw builders already clearing those sheds out back.",
   "Pupils from {who} painted that mural on its side wall, so please let it stay.",
   "Whatever happens, our mobile library van should keep visiting outlying villages like {village}.",
   "I am {feel}, but will reserve judgement until I see it finished.",
   "Wrenford has lost a post office and two bank branches lately, so a bigger library feels like good news.",
   "Heating bills on Harrow Road must have been enormous with those tall single-glazed windows.",
   "Staff told me on {day} that children's events will carry on during this move.",
   "Family historians like me would love a proper local studies room with a microfilm reader.",
   "Good lighting and comfortable chairs will bring people from across town.",
   "A planning notice on its gate says work should take about {num} weeks.",
   "Toilets and baby changing facilities in these plans are a big improvement.",
   "{firstname} {surname} from {street} asked whether Saturday opening continues, which seems reasonable.",
   "When my {name} visited on {day}, half those shelves were already empty.",
}

local slots = {
   street = { "Quarry Lane", "Alder Street", "Fenwick Row", "Mill Lane", "Station Parade", "Orchard Close",
      "Beacon Hill", "Tanner's Walk", "Cross Street", "Linden Avenue", "Kiln Road", "Weaver's Court",
      "Rope Walk", "Chapel Yard", "Barley Mow Lane", "Copper Street" },
   time = { "half past seven", "eight this morning", "lunchtime", "ten past four", "six yesterday evening",
      "nine last night", "early today", "mid-afternoon", "quarter to eleven", "teatime" },
   day = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" },
   name = { "daughter", "son", "grandmother", "grandfather", "niece", "nephew", "partner", "brother",
      "sister", "oldest friend", "godson", "aunt" },
   feel = { "cautiously optimistic", "unconvinced", "pleasantly surprised", "slightly worried",
      "genuinely pleased", "torn", "quietly hopeful", "mostly positive", "undecided", "rather uneasy" },
   who = { "St Bride's Primary", "Wrenford Historical Society", "our Tuesday knitting circle",
      "Wrenford High", "Kiln Road allotments", "Ashcombe sixth form", "Rotary", "Scouts" },
   place = { "health centre", "covered market", "swimming baths", "railway station", "post office",
      "Ashcombe primary", "community hall", "fire station" },
   month = { "spring", "early summer", "autumn", "September", "next March", "late next year", "January" },
   surname = { "Pemberton", "Osei", "Haworth", "Lindqvist", "Moreau", "Achebe", "Fairclough", "Dunmore",
      "Castellano", "Whitlock", "Brennan", "Varga", "Thistlewood", "Okonjo", "Marchetti", "Sandoval" },
   firstname = { "Agnes", "Bilal", "Corinne", "Declan", "Esme", "Florin", "Greta", "Hamish", "Ines",
      "Jasper", "Keziah", "Lorcan", "Mireille", "Niamh", "Ottilie", "Rafferty" },
   village = { "Ashcombe", "Little Brayford", "Holme End", "Sedgewick", "Cotterell", "Marsh Gibbon" },
}

local details = {
   "(Writing from number {n} {street}, {hh}:{mm}.)",
   "Posted {hh}:{mm}, house {n} {street}.",
   "For what it is worth, I live at {n} {street}.",
   "Checked that notice again today, {hh}:{mm}.",
   "Seen from my window, {n} {street}, around {hh}:{mm}.",
   "({firstname}, reader since {year}, {street}.)",
   "Reader since {year}; {n} {street}.",
   "PS: {firstname} {surname} says hello from flat {n}.",
}

local authors = { "Maggie Ellwood", "Tom Ashby", "Priya N.", "Gareth Rowe", "Hannah Lee", "Sam Okafor",
   "Ruth Barnes", "D. Kowalski", "Imogen", "Frank Hale", "Leila Haddad", "Owen Pryce", "Bea T.",
   "Callum Reid", "Nadia", "J. Whitfield" }

local format = "isso"
local cookies = {}
local cookie_i = 0
local counts = { c2 = 0, c4 = 0, c5 = 0, other = 0 }

local function pick(list)
   return list[math.random(#list)]
end

local function fill(s)
   return (s:gsub("{(%a+)}", function(k)
      if k == "num" then
         return tostring(math.random(3, 60))
      end
      local list = slots[k]
      if list then
         return pick(list)
      end
      return "{" .. k .. "}"
   end))
end

local function detail()
   local d = pick(details)
   d = d:gsub("{n}", tostring(math.random(1, 400)))
   d = d:gsub("{hh}", tostring(math.random(6, 22)))
   d = d:gsub("{mm}", string.format("%02d", math.random(0, 59)))
   d = d:gsub("{year}", tostring(math.random(1961, 2024)))
   return fill(d)
end

local function shuffle(t)
   for i = #t, 2, -1 do
      local j = math.random(i)
      t[i], t[j] = t[j], t[i]
   end
end

-- A 200-600 character comment.
local function comment()
   local order = {}
   for i = 1, #sentences do order[i] = i end
   shuffle(order)
   local target = math.random(200, 560)
   local parts = {}
   local d = detail()
   local len = #d
   for _, i in ipairs(order) do
      local s = fill(sentences[i])
      if len + 1 + #s <= 600 then
         table.insert(parts, s)
         len = len + 1 + #s
         if len >= target then break end
      end
   end
   table.insert(parts, math.random(#parts + 1), d)
   return table.concat(parts, " ")
end

local function json_string(s)
   return '"' .. s:gsub('[%c"\\]', function(c)
      if c == '"' then return '\\"' end
      if c == "\\" then return "\\\\" end
      return string.format("\\u%04x", c:byte())
   end) .. '"'
end

function init(args)
   format = args[1] or "isso"
   if format ~= "isso" and format ~= "tribune" then
      error("post.lua: FORMAT must be isso or tribune, not " .. tostring(format))
   end
   local seed = tonumber(os.getenv("POST_SEED") or "") or os.time()
   math.randomseed(seed * 1000 + (tid or 0) * 7919)
   for _ = 1, 10 do math.random() end
   if format == "tribune" then
      local path = args[2]
      if not path then error("post.lua: FORMAT tribune needs COOKIE_FILE") end
      local f = io.open(path, "r")
      if not f then error("post.lua: cannot read " .. path) end
      for line in f:lines() do
         line = line:gsub("^%s+", ""):gsub("%s+$", "")
         if line ~= "" then table.insert(cookies, line) end
      end
      f:close()
      if #cookies == 0 then error("post.lua: no cookies in " .. path) end
      -- Threads start at different cookies.
      cookie_i = ((tid or 1) - 1) * math.floor(#cookies / 2)
   end
end

function request()
   local body
   local headers = { ["Content-Type"] = "application/json" }
   if format == "tribune" then
      cookie_i = cookie_i % #cookies + 1
      headers["Cookie"] = cookies[cookie_i]
      headers["X-Forwarded-For"] = string.format("10.%d.%d.%d",
         math.floor(cookie_i / 65536) % 256, math.floor(cookie_i / 256) % 256, cookie_i % 256)
      body = '{"body": ' .. json_string(comment()) .. '}'
   else
      body = '{"text": ' .. json_string(comment()) .. ', "author": ' .. json_string(pick(authors)) .. '}'
   end
   return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      counts.c2 = counts.c2 + 1
   elseif status >= 400 and status < 500 then
      counts.c4 = counts.c4 + 1
   elseif status >= 500 and status < 600 then
      counts.c5 = counts.c5 + 1
   else
      counts.other = counts.other + 1
   end
   c2, c4, c5, cother = counts.c2, counts.c4, counts.c5, counts.other
end

function done(summary, latency, requests)
   local t2, t4, t5, tother = 0, 0, 0, 0
   for _, thread in ipairs(threads) do
      t2 = t2 + (thread:get("c2") or 0)
      t4 = t4 + (thread:get("c4") or 0)
      t5 = t5 + (thread:get("c5") or 0)
      tother = tother + (thread:get("cother") or 0)
   end
   local line = string.format("post-status 2xx=%d 4xx=%d 5xx=%d", t2, t4, t5)
   if tother > 0 then line = line .. string.format(" other=%d", tother) end
   io.write(line .. "\n")
end
