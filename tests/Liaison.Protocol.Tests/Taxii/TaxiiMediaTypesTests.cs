using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

public class TaxiiMediaTypesTests
{
    [Theory]
    [InlineData("application/taxii+json;version=2.1", true)]
    [InlineData("application/taxii+json", true)]
    [InlineData("application/taxii+json; version=2.1", true)]
    [InlineData("application/taxii+json ;\tVERSION=2.1", true)]
    [InlineData("APPLICATION/TAXII+JSON;version=\"2.1\"", true)]
    [InlineData("application/taxii+json;version=2.1;q=0.001", true)]
    [InlineData("application/taxii+json;version=2.1,application/stix+json;version=2.1", true)]
    [InlineData("*/*", true)]
    [InlineData("application/*", true)]
    [InlineData("text/html, */*;q=0.1", true)]
    [InlineData("*/*;q=0, application/taxii+json;version=2.1", true)]
    [InlineData("application/taxii+json;version=2.0, application/taxii+json;version=2.1", true)]
    [InlineData("application/taxii+json;q=0, application/taxii+json;version=2.1", true)]
    [InlineData("garbage, application/taxii+json", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData(null, true)]
    [InlineData("application/taxii+json;version=2.0", false)]
    [InlineData("application/json", false)]
    [InlineData("text/html", false)]
    [InlineData("application/stix+json;version=2.1", false)]
    [InlineData("application/taxii+json;version=2.1;q=0", false)]
    [InlineData("application/taxii+json;q=0.000, */*", false)]
    [InlineData("application/taxii+json;version=2.1;q=0, application/*", false)]
    [InlineData("application/*;q=0, */*", false)]
    [InlineData("*/json", false)]
    [InlineData("application/taxii+json;q=abc", false)]
    [InlineData("application/taxii+json;q=1.5", false)]
    [InlineData("garbage", false)]
    public void CheckAccept_Taxii21_FollowsRfc9110Negotiation(string? accept, bool acceptable)
    {
        var check = TaxiiMediaTypes.CheckAccept(accept);

        Assert.Equal(acceptable, check.IsAcceptable);
        Assert.Equal(acceptable, check.Problem is null);
    }

    [Theory]
    [InlineData("application/stix+json;version=2.1", true)]
    [InlineData("application/stix+json", true)]
    [InlineData("application/*", true)]
    [InlineData("application/stix+json;version=2.0", false)]
    [InlineData("application/taxii+json;version=2.1", false)]
    public void CheckAccept_Stix21_AppliesTheSameRules(string accept, bool acceptable)
    {
        Assert.Equal(acceptable, TaxiiMediaTypes.CheckAccept(accept, TaxiiMediaTypes.Stix21).IsAcceptable);
    }

    [Fact]
    public void CheckAccept_NotAcceptable_ExplainsWhichMediaTypeIsMissing()
    {
        var check = TaxiiMediaTypes.CheckAccept("application/json");

        Assert.Contains(TaxiiMediaTypes.Taxii21, check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAccept_ExcludedWithQZero_SaysSo()
    {
        var check = TaxiiMediaTypes.CheckAccept("application/taxii+json;q=0");

        Assert.Contains("q=0", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/*")]
    [InlineData("not a media type")]
    public void CheckAccept_OfferedIsNotAConcreteMediaType_Throws(string offered)
    {
        Assert.Throws<ArgumentException>(() => TaxiiMediaTypes.CheckAccept("*/*", offered));
    }

    [Theory]
    [InlineData("application/taxii+json;version=2.1", true)]
    [InlineData("application/taxii+json; version=2.1", true)]
    [InlineData("Application/TAXII+JSON ; Version=2.1", true)]
    [InlineData("application/taxii+json;version=\"2.1\"", true)]
    [InlineData("application/taxii+json;version=2.1;charset=utf-8", true)]
    [InlineData("application/taxii+json; charset=UTF-8; version=2.1", true)]
    [InlineData("application/taxii+json", false)]
    [InlineData("application/taxii+json;version=2.0", false)]
    [InlineData("application/taxii+json;version=2.1;charset=iso-8859-1", false)]
    [InlineData("application/taxii+json;version=2.1;version=2.0", false)]
    [InlineData("application/taxii+json;version=2.1, text/plain", false)]
    [InlineData("application/json", false)]
    [InlineData("application/stix+json;version=2.1", false)]
    [InlineData("application/*", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CheckContentType_RequiresTaxii21ToleratingSpacingAndCase(string? contentType, bool acceptable)
    {
        var check = TaxiiMediaTypes.CheckContentType(contentType);

        Assert.Equal(acceptable, check.IsAcceptable);
        Assert.Equal(acceptable, check.Problem is null);
    }

    [Fact]
    public void CheckContentType_WithoutVersion_AsksForTheVersionParameter()
    {
        var check = TaxiiMediaTypes.CheckContentType("application/taxii+json");

        Assert.Contains("version", check.Problem, StringComparison.Ordinal);
        Assert.Contains(TaxiiMediaTypes.Taxii21, check.Problem, StringComparison.Ordinal);
    }
}
