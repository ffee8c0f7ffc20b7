-- wrk script: GET as many signed-in readers, a different one on every request.
--
--   wrk -t2 -c64 -d15s -s bench/lib/readers.lua URL -- COOKIE_FILE
--
-- COOKIE_FILE holds one whole `name=value` cookie per line; each wrk thread walks the lines
-- from its own starting point, so the server sees every reader in turn.

local cookies = {}
local next_cookie = 1

function init(args)
   local file = args[1]
   if not file then
      error("usage: wrk ... -s bench/lib/readers.lua URL -- COOKIE_FILE")
   end
   for line in io.lines(file) do
      if line ~= "" then
         table.insert(cookies, line)
      end
   end
   if #cookies == 0 then
      error("no cookies in " .. file)
   end
   next_cookie = (math.floor(os.clock() * 1000000) % #cookies) + 1
end

function request()
   local cookie = cookies[next_cookie]
   next_cookie = next_cookie % #cookies + 1
   return wrk.format("GET", nil, { ["Cookie"] = cookie })
end
