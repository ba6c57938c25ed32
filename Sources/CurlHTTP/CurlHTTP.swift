// CurlHTTP module.
