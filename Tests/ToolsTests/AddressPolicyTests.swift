import Testing
import Tools

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "ff02::1", "64:ff9b::7f00:1", "2002:7f00:1::1",
        "[::1]",
    ])
    func nonPublicAddressesAreRefusedByDefault(_ address: String) {
        let policy = HostPolicy(allowedHosts: ["*"])
        #expect(!policy.allowsAddress(address), "\(address) should be refused")
        #expect(policy.refusal(forAddress: address) != nil)
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4007:80e::200e", "::ffff:8.8.8.8"])
    func publicAddressesAreAllowed(_ address: String) {
        #expect(HostPolicy(allowedHosts: ["*"]).allowsAddress(address))
    }

    @Test func operatorMayAllowANetwork() throws {
        let policy = HostPolicy(allowedHosts: ["*"], allowedNetworks: [try #require(IPNetwork("127.0.0.0/8"))])
        #expect(policy.allowsAddress("127.0.0.1"))
        #expect(policy.allowsAddress("::ffff:127.0.0.1"))  // IPv4-mapped IPv6 is the same address
        #expect(!policy.allowsAddress("10.0.0.1"))
        #expect(!policy.allowsAddress("::1"))  // IPv6 loopback is a different network
    }

    @Test func hostAllowList() {
        let policy = HostPolicy(allowedHosts: ["api.example.com", "*.wikipedia.org"])
        #expect(policy.allowsHost("api.example.com"))
        #expect(policy.allowsHost("API.Example.com"))
        #expect(policy.allowsHost("en.wikipedia.org"))
        #expect(!policy.allowsHost("wikipedia.org.evil.com"))
        #expect(!policy.allowsHost("evil-api.example.com"))
        #expect(!policy.allowsHost("example.com"))
    }

    @Test func malformedNetworksAreRejected() {
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("nonsense") == nil)
        #expect(IPNetwork("fc00::/7")?.contains(IPAddress("fdff::1")!) == true)
    }
}
