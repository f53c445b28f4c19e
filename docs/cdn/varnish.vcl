# Varnish (7.x) in front of the Sessions Gateway: caches GET queries for exactly as long as
# the gateway's Cache-Control says, never anything private, never a POST.
# See docs/operations.md ("HTTP caching and CDNs"). test/operations/varnish.test.ts runs
# this file as it is, with only the backend's address replaced.
vcl 4.1;

backend gateway {
  .host = "127.0.0.1";
  .port = "4000";
}

sub vcl_recv {
  if (req.url ~ "^/graphql") {
    # The gateway reads no cookies; a browser's cookies would only make every GET a miss.
    unset req.http.Cookie;
    # A client credential makes the answer the caller's own (the gateway says `private`
    # whenever access control is on); don't even look it up. (The built-in VCL already
    # passes requests with `Authorization`.)
    if (req.http.X-Api-Key) {
      return (pass);
    }
  }
  # Everything else, as the built-in VCL: only GET and HEAD are looked up; POSTs (every
  # mutation, and queries sent by POST) go to the gateway.
}

sub vcl_backend_response {
  if (bereq.url ~ "^/graphql") {
    # No grace: an answer is never served after its max-age, so a mutation's effect shows
    # within the max-age the earlier answer was given. (Raise it to serve stale answers
    # while the gateway is down, knowing that they may then be older.)
    set beresp.grace = 0s;
  }
  # The built-in VCL does the rest: `no-store` and `private` answers are not stored.
}
