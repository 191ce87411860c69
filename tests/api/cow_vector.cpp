#include <doctest/doctest.h>

#include <kubesim/api/cow_vector.hpp>

#include <string>
#include <vector>

using kubesim::api::cow_vector;

TEST_SUITE("api/cow_vector") {
    TEST_CASE("copies share until one side writes; the other never sees the write") {
        cow_vector<std::string> a{"x", "y"};
        cow_vector<std::string> b = a;
        CHECK(a.shares_with(b));
        b[0] = "changed";
        CHECK_FALSE(a.shares_with(b));
        CHECK(a[0] == "x");
        CHECK(b[0] == "changed");
        b.push_back("z");
        CHECK(a.size() == 2);
        CHECK(b.size() == 3);
    }
    TEST_CASE("reads through const never copy; equality compares contents") {
        const cow_vector<int> a{1, 2, 3};
        const cow_vector<int> b = a;
        int sum = 0;
        for (int v : b) sum += v;
        CHECK(sum == 6);
        CHECK(a.shares_with(b));
        CHECK(a == cow_vector<int>{1, 2, 3});
        CHECK(a == std::vector<int>{1, 2, 3});
        CHECK_FALSE(a == cow_vector<int>{1, 2});
    }
    TEST_CASE("empty lists allocate nothing, even when iterated mutably") {
        cow_vector<int> e;
        CHECK(e.empty());
        for (auto& v : e) v = 1;
        CHECK(e.buffer() == nullptr);
        CHECK(e == cow_vector<int>{});
        e.push_back(4);
        CHECK(e.front() == 4);
        e.clear();
        CHECK(e.empty());
    }
    TEST_CASE("insert and erase keep vector semantics") {
        cow_vector<int> a{1, 3};
        auto b = a;
        b.insert(b.begin() + 1, 2);
        CHECK(b == std::vector<int>{1, 2, 3});
        b.erase(b.begin());
        CHECK(b == std::vector<int>{2, 3});
        CHECK(a == std::vector<int>{1, 3});
    }
}
