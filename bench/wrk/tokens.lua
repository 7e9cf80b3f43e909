-- Cycles through pre-signed tokens, one per request: every request carries a token the server has not
-- seen for at least N-1 requests (N = lines in the file, larger than the server's token cache).
local tokens = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  -- threads start at different offsets so no two send the same token at the same time
  i = (tonumber(args[2]) or 0) % #tokens
end
request = function()
  i = i % #tokens + 1
  wrk.headers["Authorization"] = "Bearer " .. tokens[i]
  return wrk.format()
end
