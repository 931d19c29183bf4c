package dev.twofifty.samples.spring;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that sends welcome mails through Spring's {@code JavaMailSender}, configured
 * by the usual {@code spring.mail.*} properties. Run against the standalone fake server:
 *
 * <pre>
 * java -jar standalone/target/twofifty-standalone.jar &amp;
 * ... NotificationApplication --spring.mail.port=2525 --welcome=ann@example.com
 * </pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    /** With {@code --welcome=ADDRESS}, sends one welcome mail at start-up. */
    @Bean
    ApplicationRunner welcomeFromCommandLine(WelcomeMailService welcomeMails) {
        return arguments -> {
            if (arguments.containsOption("welcome")) {
                for (String address : arguments.getOptionValues("welcome")) {
                    welcomeMails.sendWelcome(address, "new user");
                }
            }
        };
    }
}
