import Catalog
import Testing
@testable import Tools

private func iso(_ function: String, _ arguments: String) throws -> String? {
    try call(function, try JSONParser.parse(arguments))["iso"]?.stringValue
}

@Suite struct DateTimeBuiltinsTests {
    @Test func nowUsesTheContextClock() throws {
        let utc = try call("datetime_now", [:])
        #expect(utc["iso"] == "2024-03-10T13:30:00Z")
        #expect(utc["weekday"] == "Sunday")
        #expect(utc["unix"] == .int(1_710_077_400))
        let paris = try call("datetime_now", ["timezone": "Europe/Paris"])
        #expect(paris["iso"] == "2024-03-10T14:30:00+01:00")
        #expect(paris["utc_offset"] == "+01:00")
        #expect(paris["hour"] == 14)
        #expect(paris["date"] == "2024-03-10")
        #expect(paris["time"] == "14:30:00")
    }

    @Test(arguments: [
        (#"{"text": "2024-03-10"}"#, "2024-03-10T00:00:00Z"),
        (#"{"text": "2024-03-10T14:30:00Z"}"#, "2024-03-10T14:30:00Z"),
        (#"{"text": "2024-03-10 14:30"}"#, "2024-03-10T14:30:00Z"),
        (#"{"text": "2024-03-10T14:30:00.250+01:00"}"#, "2024-03-10T13:30:00.250Z"),
        (#"{"text": "2024-03-10T14:30:00-0530"}"#, "2024-03-10T20:00:00Z"),
        (#"{"text": "2024-03-10 14:30", "timezone": "Europe/Paris"}"#, "2024-03-10T14:30:00+01:00"),
        (#"{"text": "2024-07-01 12:00", "timezone": "America/New_York"}"#, "2024-07-01T12:00:00-04:00"),
        (#"{"text": "Sun, 10 Mar 2024 14:30:00 +0000"}"#, "2024-03-10T14:30:00Z"),
        (#"{"text": "March 10, 2024"}"#, "2024-03-10T00:00:00Z"),
        (#"{"text": "10 Mar 2024"}"#, "2024-03-10T00:00:00Z"),
        (#"{"text": "10/03/2024 08:05", "format": "dd/MM/yyyy HH:mm"}"#, "2024-03-10T08:05:00Z"),
        (#"{"text": 1710077400}"#, "2024-03-10T13:30:00Z"),
        (#"{"text": "2024-03-10 14:30", "timezone": "+05:30"}"#, "2024-03-10T14:30:00+05:30"),
        (#"{"text": "2024-03-10 14:30", "timezone": "UTC-3"}"#, "2024-03-10T14:30:00-03:00"),
    ])
    func parses(arguments: String, expected: String) throws {
        #expect(try iso("datetime_parse", arguments) == expected)
    }

    @Test func parseReturnsParts() throws {
        let parts = try call("datetime_parse", ["text": "2024-02-29T23:59:59Z"])
        #expect(parts["year"] == 2024)
        #expect(parts["month"] == 2)
        #expect(parts["day"] == 29)
        #expect(parts["second"] == 59)
        #expect(parts["weekday"] == "Thursday")
    }

    @Test(arguments: [
        (#"{"text": "yesterday-ish"}"#, "cannot read \"yesterday-ish\" as a date-time"),
        (#"{"text": "2023-02-29"}"#, "is not a valid date (no such day)"),
        (#"{"text": "2024-13-01"}"#, "has a field out of range"),
        (#"{"text": "2024-01-01T25:00"}"#, "has a field out of range"),
        (#"{"text": "2024-01-01", "timezone": "Mars/Olympus"}"#, "unknown time zone \"Mars/Olympus\""),
        (#"{"text": "2024-01-01", "timezone": "+99:00"}"#, "unknown time zone"),
        (#"{"text": "2024-01-01", "timezone": "../../etc/passwd"}"#, "unknown time zone"),
        (#"{"text": "2024-01-01", "timezone": "/etc/localtime"}"#, "unknown time zone"),
        (#"{"text": "01/02/2024", "format": "yyyy-MM-dd"}"#, "does not match the format"),
        (#"{"text": 1e300}"#, "outside the years 1 to 9999"),
        (#"{"text": true}"#, "expected a date-time string or Unix seconds, found boolean"),
        ("{}", "$.text: required argument missing"),
    ])
    func parseFails(arguments: String, message: String) throws {
        let error = failure("datetime_parse", try JSONParser.parse(arguments))
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "yyyy-MM-dd HH:mm"}"#, "2024-03-10 14:30"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "EEEE d MMMM yyyy"}"#, "Sunday 10 March 2024"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "HH:mm", "timezone": "Asia/Tokyo"}"#, "23:30"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "iso8601", "timezone": "Asia/Kolkata"}"#, "2024-03-10T20:00:00+05:30"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "rfc2822"}"#, "Sun, 10 Mar 2024 14:30:00 +0000"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "date"}"#, "2024-03-10"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "time"}"#, "14:30:00"),
        (#"{"datetime": "2024-03-10T14:30:00Z", "format": "unix"}"#, "1710081000"),
    ])
    func formats(arguments: String, expected: String) throws {
        #expect(try call("datetime_format", try JSONParser.parse(arguments)) == .string(expected))
    }

    @Test(arguments: [
        (#"{"datetime": "2024-01-31", "months": 1}"#, "2024-02-29T00:00:00Z"),
        (#"{"datetime": "2024-02-29", "years": 1}"#, "2025-02-28T00:00:00Z"),
        (#"{"datetime": "2024-03-10", "days": -10}"#, "2024-02-29T00:00:00Z"),
        (#"{"datetime": "2024-03-10", "weeks": 2, "hours": 3, "minutes": 15, "seconds": 30}"#, "2024-03-24T03:15:30Z"),
        (#"{"datetime": "2024-03-30 12:00", "days": 1, "timezone": "Europe/Paris"}"#, "2024-03-31T12:00:00+02:00"),
        (#"{"datetime": "2024-03-30 12:00", "hours": 24, "timezone": "Europe/Paris"}"#, "2024-03-31T13:00:00+02:00"),
    ])
    func adds(arguments: String, expected: String) throws {
        #expect(try iso("datetime_add", arguments) == expected)
    }

    @Test func addOutOfRange() throws {
        #expect(failure("datetime_add", ["datetime": "9999-12-31", "years": 1])?.code == .outOfRange)
        #expect(failure("datetime_add", ["datetime": "2024-01-01", "years": 2_000_000])?.description == "$.years: 2000000 is outside -1000000...1000000")
        #expect(failure("datetime_add", ["datetime": "0001-01-01", "days": -1])?.code == .outOfRange)
    }

    @Test(arguments: [
        (#"{"start": "2024-03-10", "end": "2024-03-12T12:00:00Z"}"#, "2.5"),
        (#"{"start": "2024-03-10", "end": "2024-03-09", "unit": "hours"}"#, "-24"),
        (#"{"start": "2024-03-10T00:00:00Z", "end": "2024-03-10T00:01:30Z", "unit": "seconds"}"#, "90"),
        (#"{"start": "2024-03-10T00:00:00Z", "end": "2024-03-10T00:01:30Z", "unit": "minutes"}"#, "1.5"),
        (#"{"start": "2024-01-01", "end": "2024-01-15", "unit": "weeks"}"#, "2"),
        (#"{"start": "2024-01-31", "end": "2024-03-30", "unit": "months"}"#, "1"),
        (#"{"start": "1990-06-15", "end": "2024-03-10", "unit": "years"}"#, "33"),
    ])
    func differences(arguments: String, expected: String) throws {
        #expect(try call("datetime_difference", try JSONParser.parse(arguments)).serialized() == expected)
    }

    @Test func differenceRejectsUnknownUnit() {
        #expect(failure("datetime_difference", ["start": "2024-01-01", "end": "2024-01-02", "unit": "fortnights"])?.path?.description == "$.unit")
    }

    @Test func convertsTimeZones() throws {
        let tokyo = try call("datetime_convert_timezone", ["datetime": "2024-03-10T14:30:00Z", "to_timezone": "Asia/Tokyo"])
        #expect(tokyo["iso"] == "2024-03-10T23:30:00+09:00")
        #expect(tokyo["timezone"] == "Asia/Tokyo")
        let fromNY = try call("datetime_convert_timezone", ["datetime": "2024-03-10 09:00", "from_timezone": "America/New_York", "to_timezone": "Europe/London"])
        #expect(fromNY["iso"] == "2024-03-10T13:00:00+00:00")
        #expect(failure("datetime_convert_timezone", ["datetime": "2024-03-10", "to_timezone": "Nowhere"])?.path?.description == "$.to_timezone")
    }
}
