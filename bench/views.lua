-- wrk script: each request records a view of one of the seeded items by one of 2,000 viewers.
-- Counts 204 answers so the run can compare them with what the database holds afterwards.
local counter = 0
ok = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
end

request = function()
  counter = counter + 1
  local viewer = math.random(0, 1999)
  local item = math.random(0, 49999)
  local path = string.format("/api/v1/stories/i%025d/views", item)
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer viewer-" .. viewer
  return wrk.format("POST", path, headers, '{"watchedMs":3000,"completed":true}')
end

response = function(status, headers, body)
  if status == 204 then ok = ok + 1 end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("ok") end
  io.write(string.format("acknowledged_views %d\n", total))
end
