// The ns-3 side of netsim's ManyFlowsBenchmark: FLOWS concurrent long-lived TCP flows over one
// bottleneck. A dumbbell of 10 senders - router - router - 10 receivers, the flows spread over the
// host pairs in turn; access links 1 Gbit/s with 1 ms of delay, the bottleneck 100 Mbit/s with
// 10 ms, a drop-tail queue of 1000 packets in front of every transmitter. Flow i opens at
// i/FLOWS s and stays idle; the receivers read everything.
//
// Only steady state is measured, with ManyFlowsBenchmark's start rule: from the end of the opening
// second, the run advances in steps of 100 ms of simulated time until every flow's two connections
// are established (the sender's connect callback and the receiver's accept callback, both ends as
// netsim counts them; a set-up that has not reached that by 120 s fails), then every flow starts
// sending at once, without end, from a 32 KB send buffer in 16 KiB writes; 2 s later the measured
// window of 5 s opens.
//
// Prints one line: the window's bounds, the connections established at both ends, the events,
// wall time and process CPU time of the window (as ManyFlowsBenchmark's main does), and the events
// and wall time of the whole run.
//
// Usage: many-flows [FLOWS]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include "netsim-tcp.h"

#include <chrono>
#include <ctime>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace ns3;

namespace
{

const int HOSTS = 10;
const uint16_t PORT = 5001;
const uint32_t CHUNK = 16 * 1024;

// ManyFlowsBenchmark's times: the opening, the step of the check for establishment and its limit,
// the settling after the start, and the measured window.
const int64_t OPENING_NS = 1000000000;
const int64_t CHECK_EVERY_NS = 100000000;
const int64_t ESTABLISH_LIMIT_NS = int64_t(120) * 1000000000;
const int64_t SETTLE_NS = 2000000000;
const int64_t MEASURED_NS = 5000000000;

// Connections established: senders' (connect succeeded) plus receivers' (accepted).
uint64_t g_established;
// The senders' sockets whose connection opened, started together.
std::vector<Ptr<Socket>> g_open;
bool g_sending;

// A sender keeps its send buffer full once started: 16 KiB writes while a whole one fits, as
// netsim's Sender.
void
Fill(Ptr<Socket> socket)
{
    if (!g_sending)
    {
        return;
    }
    while (socket->GetTxAvailable() >= CHUNK && socket->Send(Create<Packet>(CHUNK)) >= 0)
    {
    }
}

void
Connected(Ptr<Socket> socket)
{
    g_established++;
    g_open.push_back(socket);
    Fill(socket);
}

void
Writable(Ptr<Socket> socket, uint32_t available)
{
    Fill(socket);
}

// Makes every flow send from now on.
void
Start()
{
    g_sending = true;
    for (Ptr<Socket> socket : g_open)
    {
        Fill(socket);
    }
}

// Runs the simulation up to the absolute simulated time `until`.
void
RunUntil(int64_t until)
{
    Simulator::Stop(NanoSeconds(until) - Simulator::Now());
    Simulator::Run();
}

void
Open(Ptr<Node> from, Address to)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, TcpSocketFactory::GetTypeId());
    socket->Bind();
    socket->SetConnectCallback(MakeCallback(&Connected), MakeCallback(&ConnectFailed));
    socket->SetSendCallback(MakeCallback(&Writable));
    socket->Connect(to);
}

void
Readable(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
    }
}

void
Accepted(Ptr<Socket> socket, const Address& from)
{
    g_established++;
    socket->SetRecvCallback(MakeCallback(&Readable));
}

double
Seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int
main(int argc, char* argv[])
{
    int flows = argc > 1 ? std::atoi(argv[1]) : 10;

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);

    // ManyFlowsBenchmark's TcpConfig: the defaults (64 KB receive buffer, minimum RTO 1 s)
    // but for the 32 KB send buffer.
    UseNetsimTcp(32 * 1024, 64 * 1024, ns3::Seconds(1));

    NodeContainer routers;
    routers.Create(2);
    NodeContainer senders;
    senders.Create(HOSTS);
    NodeContainer receivers;
    receivers.Create(HOSTS);
    InternetStackHelper internet;
    internet.Install(routers);
    internet.Install(senders);
    internet.Install(receivers);

    PointToPointHelper bottleneck;
    bottleneck.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    bottleneck.SetChannelAttribute("Delay", StringValue("10ms"));
    bottleneck.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    access.SetChannelAttribute("Delay", StringValue("1ms"));
    access.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));

    // No traffic-control layer: netsim's links have the one 1000-packet queue only.
    TrafficControlHelper tc;
    Ipv4AddressHelper addresses;
    NetDeviceContainer middle = bottleneck.Install(routers.Get(0), routers.Get(1));
    addresses.SetBase("10.255.0.0", "255.255.255.0");
    addresses.Assign(middle);
    tc.Uninstall(middle);
    std::vector<Address> sinks;
    for (int i = 0; i < HOSTS; i++)
    {
        NetDeviceContainer left = access.Install(senders.Get(i), routers.Get(0));
        NetDeviceContainer right = access.Install(routers.Get(1), receivers.Get(i));
        addresses.NewNetwork();
        addresses.Assign(left);
        addresses.NewNetwork();
        Ipv4InterfaceContainer rightAddresses = addresses.Assign(right);
        tc.Uninstall(left);
        tc.Uninstall(right);
        sinks.push_back(InetSocketAddress(rightAddresses.GetAddress(1), PORT));

        Ptr<Socket> listener =
            Socket::CreateSocket(receivers.Get(i), TcpSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        listener->Listen();
        listener->SetAcceptCallback(MakeCallback(&AcceptAll), MakeCallback(&Accepted));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    for (int flow = 0; flow < flows; flow++)
    {
        int64_t at = int64_t(1000000000) * flow / flows;
        Simulator::Schedule(NanoSeconds(at), &Open, senders.Get(flow % HOSTS), sinks[flow % HOSTS]);
    }

    // As ManyFlowsBenchmark.Dumbbell.runToSteadyState: every connection established, then all
    // flows start, then SETTLE, then the window.
    auto start = std::chrono::steady_clock::now();
    int64_t time = OPENING_NS;
    RunUntil(time);
    while (g_established < 2 * uint64_t(flows))
    {
        if (time >= ESTABLISH_LIMIT_NS)
        {
            std::fprintf(stderr,
                         "%" PRIu64 " of %d connections established at %" PRId64 " ns\n",
                         g_established,
                         2 * flows,
                         time);
            return 1;
        }
        time += CHECK_EVERY_NS;
        RunUntil(time);
    }
    Start();
    time += SETTLE_NS;
    RunUntil(time);
    uint64_t before = Simulator::GetEventCount();
    std::clock_t cpuStart = std::clock();
    auto windowStart = std::chrono::steady_clock::now();
    RunUntil(time + MEASURED_NS);
    double window = Seconds(windowStart);
    double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    uint64_t events = Simulator::GetEventCount();
    double whole = Seconds(start);
    Simulator::Destroy();

    std::printf("ns3 flows=%d window=[%.1f s, %.1f s] established=%" PRIu64
                " window-events=%" PRIu64 " wall-ms=%.1f events-per-wall-s=%.0f cpu-ms=%.1f"
                " events-per-cpu-s=%.0f run-events=%" PRIu64 " run-wall-ms=%.1f\n",
                flows,
                time / 1e9,
                (time + MEASURED_NS) / 1e9,
                g_established,
                events - before,
                window * 1e3,
                (events - before) / window,
                cpu * 1e3,
                (events - before) / cpu,
                events,
                whole * 1e3);
    return 0;
}
