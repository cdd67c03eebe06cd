-- wrk script: POST one invented article to /v1/code (coded, not stored).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"id":"load-1","date":"2010-04-09","text":"Hundreds of protesters marched to the regional administration in Jalal-Abad on Friday, demanding the release of two detained activists. Police officers blocked the road and arrested at least 12 people, a local official said. The interior ministry later promised an inquiry into the arrests. \"We will not leave until they are freed,\" one organiser told reporters outside the building."}]]
